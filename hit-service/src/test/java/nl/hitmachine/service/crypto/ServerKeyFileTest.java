package nl.hitmachine.service.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
}
