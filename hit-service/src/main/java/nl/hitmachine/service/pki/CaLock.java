package nl.hitmachine.service.pki;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a CA directory ({@code .lock}), so that two pki commands never interleave
 * their changes to {@code issued.json} and {@code crl.pem}. Released on {@link #close()}.
 */
final class CaLock implements AutoCloseable {
  private static final String LOCK_FILE = ".lock";

  private final FileChannel channel;
  private final FileLock lock;

  private CaLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock, or fails at once when another process holds it. */
  static CaLock acquire(Path dir) throws IOException {
    FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      throw PkiException.failed("another pki command is changing " + dir + "; try again when it has finished");
    }
    return new CaLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
