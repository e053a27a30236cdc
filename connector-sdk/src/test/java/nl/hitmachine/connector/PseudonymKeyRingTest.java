package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyRingTest {
  @TempDir Path dir;

  private static PseudonymKey key(String kid, String created) {
    return new PseudonymKey(kid, SecretBytes.random(32, new SecureRandom()), LocalDate.parse(created));
  }

  private void write(PseudonymKey key) throws Exception {
    key.write(dir.resolve(key.kid() + ".key"));
  }

  @Test
  void load_twoKeys_newestIsPrimaryAndListedFirst() throws Exception {
    PseudonymKey old = key("k2025", "2025-01-01");
    PseudonymKey current = key("k2026", "2026-01-01");
    write(old);
    write(current);
    Files.writeString(dir.resolve("README"), "not a key");
    PseudonymKeyRing ring = PseudonymKeyRing.load(dir);
    assertThat(ring.primary()).isEqualTo(current);
    assertThat(ring.keys()).containsExactly(current, old);
    assertThat(ring.key("k2025")).contains(old);
    assertThat(ring.key("nope")).isEmpty();
  }

  @Test
  void load_explicitPrimary_usesIt() throws Exception {
    PseudonymKey old = key("k2025", "2025-01-01");
    write(old);
    write(key("k2026", "2026-01-01"));
    assertThat(PseudonymKeyRing.load(dir, "k2025").primary()).isEqualTo(old);
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir, "k2027"))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("k2027.key");
  }

  @Test
  void load_twoKeysCreatedSameDay_refusesToGuessPrimary() throws Exception {
    write(key("a", "2026-01-01"));
    write(key("b", "2026-01-01"));
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("a, b")
        .hasMessageContaining("primary");
  }

  @Test
  void load_fileNameNotMatchingKid_refused() throws Exception {
    key("real", "2026-01-01").write(dir.resolve("other.key"));
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("rename it to real.key");
  }

  @Test
  void load_keyReadableByOthers_refused() throws Exception {
    write(key("k1", "2026-01-01"));
    Files.setPosixFilePermissions(dir.resolve("k1.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir)).isInstanceOf(KeyFileException.class).hasMessageContaining("chmod 600");
  }

  @Test
  void load_emptyOrMissingDirectory_refused() {
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir)).isInstanceOf(KeyFileException.class).hasMessageContaining("no *.key");
    assertThatThrownBy(() -> PseudonymKeyRing.load(dir.resolve("missing")))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining("does not exist");
  }

  @Test
  void of_duplicateKid_rejected() {
    assertThatThrownBy(() -> PseudonymKeyRing.of(key("k", "2026-01-01"), key("k", "2025-01-01")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate kid");
  }

  @Test
  void of_primaryNotInKeys_rejected() {
    assertThatThrownBy(() -> PseudonymKeyRing.of("x", List.of(key("k", "2026-01-01"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
