package nl.hitmachine.service.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the file system holding {@code directory} has at least {@code minBytes} and at least
 * {@code minPercent} % of its size free for this process ({@link FileStore#getUsableSpace()}: one
 * {@code statvfs} call, no disk I/O). A threshold of 0 is not checked. A file system that cannot be
 * asked counts as full (fail closed).
 */
public record FreeDiskSpace(Path directory, long minBytes, int minPercent) implements BooleanSupplier {
  public FreeDiskSpace {
    if (minBytes < 0) {
      throw new IllegalArgumentException("minBytes must not be negative");
    }
    if (minPercent < 0 || minPercent > 100) {
      throw new IllegalArgumentException("minPercent must be 0..100");
    }
  }

  @Override
  public boolean getAsBoolean() {
    try {
      FileStore store = Files.getFileStore(directory);
      long usable = store.getUsableSpace();
      long total = store.getTotalSpace();
      return usable >= minBytes && (minPercent == 0 || usable * 100.0 >= (double) total * minPercent);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
