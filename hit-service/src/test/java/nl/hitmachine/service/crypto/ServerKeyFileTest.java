package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyFileTest {
  @TempDir Path dir;

  @Test
  void load_missingWithCreate_createsPrivateFileAndReadsSameKeyAgain() throws Exception {
    Path file = dir.resolve("keys/index.key");
    ServerKey first = ServerKeyFile.load(file, true, new SecureRandom());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(ServerKeyFile.load(file, false, new SecureRandom())).isEqualTo(first);
  }

  @Test
  void load_missingWithoutCreate_namesFile() {
    Path file = dir.resolve("absent.key");
    assertThatThrownBy(() -> ServerKeyFile.load(file, false, new SecureRandom()))
        .isInstanceOf(KeyFileException.class).hasMessageContaining(file.toString());
  }

  @Test
  void load_readableByOthers_isRefusedWithFix() throws Exception {
    Path file = dir.resolve("open.key");
    ServerKeyFile.create(file, new SecureRandom());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> ServerKeyFile.load(file, false, new SecureRandom()))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("chmod 600");
  }

  @Test
  void load_wrongLength_isRefused() throws Exception {
    Path file = dir.resolve("short.key");
    Files.writeString(file, "AAAA\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> ServerKeyFile.load(file, false, new SecureRandom()))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("32 bytes");
  }

  @Test
  void fromEnvironment_readsTheSameKeyAsTheFile() throws Exception {
    Path file = dir.resolve("keys/index.key");
    ServerKeyFile.create(file, new SecureRandom());
    String encoded = Files.readAllLines(file).get(1);
    ServerKey fromFile = ServerKeyFile.load(file, false, new SecureRandom());
    ServerKey fromEnv = ServerKeyFile.fromEnvironment("HITMACHINE_INDEX_KEY", Map.of("HITMACHINE_INDEX_KEY", encoded + "\n")::get);
    Path other = dir.resolve("keys/audit.key");
    ServerKeyFile.create(other, new SecureRandom());
    ServerKey audit = ServerKeyFile.load(other, false, new SecureRandom());
    PseudonymKeyer a = new PseudonymKeyer(fromFile, audit);
    PseudonymKeyer b = new PseudonymKeyer(fromEnv, audit);
    String p = "t1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    assertThat(b.indexForm(p)).isEqualTo(a.indexForm(p));
  }

  @Test
  void fromEnvironment_missingOrBad_namesTheVariableNeverTheValue() {
    assertThatThrownBy(() -> ServerKeyFile.fromEnvironment("HITMACHINE_INDEX_KEY", Map.<String, String>of()::get))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("HITMACHINE_INDEX_KEY").hasMessageContaining("not set");
    String notBase64 = "secret value with spaces!";
    assertThatThrownBy(() -> ServerKeyFile.fromEnvironment("K", Map.of("K", notBase64)::get))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("base64url").hasMessageNotContaining("secret");
    String shortKey = "c2hvcnRzZWNyZXQ";
    assertThatThrownBy(() -> ServerKeyFile.fromEnvironment("K", Map.of("K", shortKey)::get))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
  }
}
