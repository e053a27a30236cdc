package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PseudonymKeyTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
  private static final String KEY_B64 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"; // bytes 0..31

  @TempDir Path dir;

  @Test
  void generate_fixedClock_createdTodayWith32RandomBytes() {
    PseudonymKey a = PseudonymKey.generate("k1", CLOCK, new SecureRandom());
    PseudonymKey b = PseudonymKey.generate("k1", CLOCK, new SecureRandom());
    assertThat(a.created()).isEqualTo(LocalDate.of(2026, 3, 1));
    assertThat(a.secret().size()).isEqualTo(32);
    assertThat(a.secret()).isNotEqualTo(b.secret());
  }

  @Test
  void writeThenRead_newFile_sameKeyAndOwnerOnlyPermissions() throws Exception {
    PseudonymKey key = PseudonymKey.generate("demo1", CLOCK);
    Path file = dir.resolve("demo1.key");
    key.write(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(PseudonymKey.read(file)).isEqualTo(key);
  }

  @Test
  void write_file_hasTheDocumentedFormat() throws Exception {
    PseudonymKey key = new PseudonymKey("demo1", SecretBytes.copyOf(Base64.getUrlDecoder().decode(KEY_B64)), LocalDate.of(2026, 1, 15));
    Path file = dir.resolve("demo1.key");
    key.write(file);
    assertThat(Files.readString(file))
        .isEqualTo("{\"kid\":\"demo1\",\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"}\n");
  }

  @Test
  void write_existingFile_refusesAndLeavesItUnchanged() throws Exception {
    Path file = dir.resolve("demo1.key");
    Files.writeString(file, "precious");
    assertThatThrownBy(() -> PseudonymKey.generate("demo1", CLOCK).write(file))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("precious");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-", "rw------x"})
  void read_accessibleByGroupOrOthers_refusesNamingPathAndFix(String permissions) throws Exception {
    Path file = dir.resolve("demo1.key");
    PseudonymKey.generate("demo1", CLOCK).write(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    assertThatThrownBy(() -> PseudonymKey.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("chmod 600 " + file)
        .hasMessageContaining(permissions);
  }

  @Test
  void read_ownerReadOnly_accepted() throws Exception {
    Path file = dir.resolve("demo1.key");
    PseudonymKey key = PseudonymKey.generate("demo1", CLOCK);
    key.write(file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    assertThat(PseudonymKey.read(file)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "[]",
        "{\"kid\":\"demo1\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"Demo1\",\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"demo1\",\"key\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"demo1\",\"key\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"demo1\",\"key\":\"" + KEY_B64 + "\",\"created\":\"15-01-2026\"}",
        "{\"kid\":1,\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"demo1\",\"kid\":\"demo2\",\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"}",
        "{\"kid\":\"demo1\",\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"} {}"
      })
  void read_malformedFile_namesFileButNeverTheKey(String content) throws Exception {
    Path file = dir.resolve("bad.key");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> PseudonymKey.read(file))
        .isInstanceOf(KeyFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("malformed")
        .hasMessageNotContaining(KEY_B64.substring(0, 12));
  }

  @Test
  void read_unknownFields_ignored() throws Exception {
    Path file = dir.resolve("demo1.key");
    Files.writeString(
        file, "{\"kid\":\"demo1\",\"comment\":{\"by\":\"ops\"},\"key\":\"" + KEY_B64 + "\",\"created\":\"2026-01-15\"}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    PseudonymKey key = PseudonymKey.read(file);
    assertThat(key.kid()).isEqualTo("demo1");
    assertThat(key.secret().toByteArray()).isEqualTo(Base64.getUrlDecoder().decode(KEY_B64));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Demo", "demo-1", "abcdefghij0123456", "dèmo"})
  void constructor_invalidKid_rejected(String kid) {
    assertThatThrownBy(() -> new PseudonymKey(kid, SecretBytes.random(32, new SecureRandom()), LocalDate.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kid");
  }

  @Test
  void constructor_secretNot32Bytes_rejected() {
    assertThatThrownBy(() -> new PseudonymKey("k", SecretBytes.random(16, new SecureRandom()), LocalDate.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void toString_neverPrintsSecret() {
    PseudonymKey key = PseudonymKey.generate("demo1", CLOCK);
    byte[] bytes = key.secret().toByteArray();
    assertThat(key.toString())
        .contains("demo1")
        .doesNotContain(HexFormat.of().formatHex(bytes).substring(0, 8))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 8));
  }
}
