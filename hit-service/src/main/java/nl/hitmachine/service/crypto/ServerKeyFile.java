package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

/**
 * Reads and creates server key files. Format: UTF-8 text; lines starting with {@code #} are
 * comments; the first other line is the 32-byte key in base64url without padding (43 characters).
 * A key file readable or writable by group or others is refused. A key may instead come from an
 * environment variable ({@link #fromEnvironment}).
 */
public final class ServerKeyFile {
  private ServerKeyFile() {}

  /** Reads the key at {@code file}; with {@code createIfMissing}, first generates one if absent. */
  public static ServerKey load(Path file, boolean createIfMissing, SecureRandom random) {
    if (!Files.exists(file)) {
      if (!createIfMissing) {
        throw new KeyFileException(
            "key file " + file + " does not exist (see docs/operations.md, 'Server keys', to create one)");
      }
      create(file, random);
    }
    KeyFileText.checkPrivate(file);
    String encoded = KeyFileText.keyLine(file);
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("key file " + file + " is not base64url", e);
    }
    if (key.length != ServerKey.LENGTH) {
      throw new KeyFileException("key file " + file + " must hold 32 bytes, found " + key.length);
    }
    return ServerKey.of(key);
  }

  /**
   * Reads a key from the environment variable {@code variable} (base64url without padding, 43
   * characters), looked up with {@code environment}. Messages name the variable, never its value.
   */
  public static ServerKey fromEnvironment(String variable, Function<String, String> environment) {
    String encoded = environment.apply(variable);
    if (encoded == null || encoded.isBlank()) {
      throw new KeyFileException("environment variable " + variable + " is not set; it must hold the 32-byte key in base64url");
    }
    byte[] key;
    try {
      key = Base64.getUrlDecoder().decode(encoded.strip());
    } catch (IllegalArgumentException e) {
      throw new KeyFileException("environment variable " + variable + " is not base64url");
    }
    if (key.length != ServerKey.LENGTH) {
      throw new KeyFileException("environment variable " + variable + " must hold 32 bytes, found " + key.length);
    }
    return ServerKey.of(key);
  }

  /** Creates a new random key file with mode 600 (its directory with 700); fails if it exists. */
  public static void create(Path file, SecureRandom random) {
    byte[] key = new byte[ServerKey.LENGTH];
    random.nextBytes(key);
    String text =
        "# hit-service server key; keep outside the data directory and out of backups of it\n"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(key)
            + "\n";
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (!Files.exists(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException e) {
      throw new KeyFileException("key file " + file + " already exists; not overwriting it", e);
    } catch (IOException e) {
      throw new KeyFileException("cannot create key file " + file + ": " + e.getMessage(), e);
    }
  }
}
