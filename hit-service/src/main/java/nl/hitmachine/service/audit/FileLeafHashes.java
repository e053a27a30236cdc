package nl.hitmachine.service.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.LongSupplier;
import nl.hitmachine.service.audit.merkle.LeafHashes;
import nl.hitmachine.service.audit.merkle.MerkleHashes;

/**
 * The Merkle leaf hashes of a {@link FileAuditLog}, read from its side file {@value
 * FileAuditLog#LEAF_FILE}: 32 bytes per entry, leaf {@code i} at offset {@code 32 i}, leaf {@code
 * i} = SHA-256(0x00 ‖ payload of record {@code i}). {@link #size()} is the log's durable tree size,
 * so only leaves of acknowledged entries are visible. Thread-safe (positional reads); valid while
 * the log is open.
 */
final class FileLeafHashes implements LeafHashes {
  private final FileChannel file;
  private final LongSupplier size;

  FileLeafHashes(FileChannel file, LongSupplier size) {
    this.file = file;
    this.size = size;
  }

  @Override
  public long size() {
    return size.getAsLong();
  }

  @Override
  public byte[] get(long index) {
    long n = size();
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + n);
    }
    byte[] hash = new byte[MerkleHashes.HASH_LENGTH];
    ByteBuffer buffer = ByteBuffer.wrap(hash);
    long position = index * MerkleHashes.HASH_LENGTH;
    try {
      while (buffer.hasRemaining()) {
        int read = file.read(buffer, position + buffer.position());
        if (read < 0) {
          throw new IOException("leaf hash file ends before leaf " + index);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("audit leaf hash " + index + " could not be read", e);
    }
    return hash;
  }
}
