package nl.hitmachine.service.pki;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import nl.hitmachine.service.crypto.SecretFilePermissions;

/**
 * Writes the CA's files so that a reader never sees half a file: into a temporary file in the same
 * directory (mode 600 from the start), fsynced, then linked (no overwrite) or renamed (overwrite)
 * into place. Secret files keep mode 600; public ones get 644.
 */
final class SecureFiles {
  static final Set<PosixFilePermission> SECRET = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /**
   * Writes {@code content} to {@code target}. Without {@code overwrite} an existing target is left
   * alone and the write fails with a message saying to use {@code --force}.
   */
  static void write(Path target, byte[] content, boolean secret, boolean overwrite) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", PosixFilePermissions.asFileAttribute(SECRET));
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (!secret) {
        Files.setPosixFilePermissions(temp, PUBLIC);
      }
      if (overwrite) {
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } else {
        Files.createLink(target, temp); // fails if the target exists, atomically
        Files.delete(temp);
      }
      temp = null;
      syncDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw PkiException.failed(target + " already exists; not overwriting it (use --force to replace it)", e);
    } catch (IOException e) {
      throw PkiException.failed("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // best effort: the temporary file holds nothing the target would not have held
        }
      }
    }
  }

  /** Fails, writing nothing, if {@code target} exists and may not be overwritten. */
  static void checkAbsent(Path target, boolean overwrite) {
    if (!overwrite && Files.exists(target)) {
      throw PkiException.failed(target + " already exists; not overwriting it (use --force to replace it)");
    }
  }

  /** Refuses a secret file that group or others may read or write. */
  static void checkSecret(Path file) {
    boolean open;
    try {
      open = SecretFilePermissions.openToOthers(file);
    } catch (IOException e) {
      throw PkiException.unreadable("cannot read permissions of " + file + ": " + e.getMessage(), e);
    }
    if (open) {
      throw PkiException.failed(file + " is accessible by group or others; restrict it with: chmod 600 " + file);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot fsync a directory; the file itself was synced
    }
  }
}
