package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What every key file of this package shares: UTF-8 text where lines starting with {@code #} are
 * comments and the first other line is the key, and the rule that secret key files are refused
 * when group or others may access them. Messages name the file, never the key.
 */
final class KeyFileText {
  private KeyFileText() {}

  /** The first non-blank, non-comment line of {@code file}, stripped. */
  static String keyLine(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KeyFileException("cannot read key file " + file + ": " + e.getMessage(), e);
    }
    return lines.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
        .orElseThrow(() -> new KeyFileException("key file " + file + " holds no key"));
  }

  /** Refuses a secret key file that group or others may read or write. */
  static void checkPrivate(Path file) {
    boolean open;
    try {
      open = SecretFilePermissions.openToOthers(file);
    } catch (IOException e) {
      throw new KeyFileException("cannot read permissions of key file " + file + ": " + e.getMessage(), e);
    }
    if (open) {
      throw new KeyFileException(
          "key file " + file + " is accessible by group or others; restrict it with: chmod 600 " + file);
    }
  }
}
