package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

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
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      return; // not a POSIX file system; nothing to check
    } catch (IOException e) {
      throw new KeyFileException("cannot read permissions of key file " + file + ": " + e.getMessage(), e);
    }
    for (PosixFilePermission p : perms) {
      if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
        throw new KeyFileException(
            "key file " + file + " is accessible by group or others; restrict it with: chmod 600 " + file);
      }
    }
  }
}
