package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * Opens the file channels {@link FileAuditLog} reads and writes its segments (and syncs its
 * directory) through. Production code uses {@link #DEFAULT}; tests pass a channel that fails on
 * {@code write} or {@code force} to simulate a broken disk (permissions cannot, as tests may run as
 * root).
 */
@FunctionalInterface
public interface ChannelOpener {

  /** The real file system: {@link FileChannel#open(Path, OpenOption...)}. */
  ChannelOpener DEFAULT = FileChannel::open;

  /** Opens {@code path} like {@link FileChannel#open(Path, OpenOption...)}. */
  FileChannel open(Path path, OpenOption... options) throws IOException;
}
