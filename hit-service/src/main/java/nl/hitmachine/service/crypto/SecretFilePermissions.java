package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The one rule for every secret file (keys, CA key, passwords): group and others have no access.
 * Callers refuse such a file with their own error, naming the file and {@code chmod 600}.
 */
public final class SecretFilePermissions {
  private SecretFilePermissions() {}

  /**
   * True when group or others may read, write or execute {@code file}; false on a file system
   * without POSIX permissions (nothing to check there).
   *
   * @throws IOException if the permissions cannot be read
   */
  public static boolean openToOthers(Path file) throws IOException {
    try {
      for (PosixFilePermission p : Files.getPosixFilePermissions(file)) {
        if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
          return true;
        }
      }
      return false;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }
}
