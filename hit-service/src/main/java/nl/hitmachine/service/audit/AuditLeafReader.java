package nl.hitmachine.service.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import nl.hitmachine.service.audit.merkle.MerkleHashes;

/**
 * Read-only access to the Merkle leaves of a log directory that is not open, for offline
 * verification: every record's RFC 6962 leaf hash SHA-256(0x00 ‖ stored payload bytes), recomputed
 * from the segment files (never from {@value FileAuditLog#LEAF_FILE}). Opens files for reading
 * only and takes no lock.
 *
 * <p>This reads framing only; check the chain first with {@link FileAuditLog#verifyDirectory} and
 * read no further than the entries it accepted. When retention removed the oldest segments, the
 * segments start at {@link #firstSequence}; the leaves before it exist only in the leaf file
 * ({@link #readStoredLeaves}) and are checked against the signed checkpoint of that size.
 */
public final class AuditLeafReader {
  /**
   * How a retention entry's canonical JSON names its action. A quote inside a JSON string is
   * escaped, so these bytes occur only as the action field itself.
   */
  private static final byte[] RETENTION_MARK =
      ("\"action\":\"" + AuditAction.AUDIT_RETENTION.wireName() + "\"")
          .getBytes(StandardCharsets.US_ASCII);

  private AuditLeafReader() {}

  private static void retentionRemoval(byte[] payload, int length, LongConsumer removals)
      throws IOException {
    AuditEntry entry = AuditEntryCodec.decode(payload, 0, length).entry();
    Long removedTo = entry.counts().get("removedToSequence");
    if (entry.action() == AuditAction.AUDIT_RETENTION && removedTo != null) {
      removals.accept(removedTo);
    }
  }

  private static int indexOf(byte[] b, int length, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (b[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The number of segment files in {@code directory}. */
  public static int segmentCount(Path directory) throws IOException {
    return Segments.list(directory).size();
  }

  /**
   * The sequence number the first segment starts at: 0, or the first entry kept when retention
   * removed older segments (0 when there are no segments).
   */
  public static long firstSequence(Path directory) throws IOException {
    List<Segments.Segment> segments = Segments.list(directory);
    return segments.isEmpty() ? 0 : segments.get(0).firstSequence();
  }

  /**
   * Passes the first {@code count} leaf hashes stored in {@value FileAuditLog#LEAF_FILE}, in order,
   * to {@code leaves}: the only record of entries removed by retention. Stops early when the file
   * is missing or ends.
   *
   * @return the number of leaf hashes passed
   */
  public static long readStoredLeaves(Path directory, long count, Consumer<byte[]> leaves)
      throws IOException {
    Path file = directory.resolve(FileAuditLog.LEAF_FILE);
    if (!Files.exists(file)) {
      return 0;
    }
    long passed = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
      while (passed < count) {
        byte[] leaf = in.readNBytes(MerkleHashes.HASH_LENGTH);
        if (leaf.length < MerkleHashes.HASH_LENGTH) {
          break;
        }
        leaves.accept(leaf);
        passed++;
      }
    }
    return passed;
  }

  /**
   * Passes the leaf hash of each record, in file order, to {@code leaves}, up to {@code limit}
   * records or the first record that is not complete.
   *
   * @return the number of leaf hashes passed
   */
  public static long readLeaves(Path directory, long limit, Consumer<byte[]> leaves) throws IOException {
    return readLeaves(directory, limit, leaves, removedTo -> {});
  }

  /**
   * Like {@link #readLeaves(Path, long, Consumer)}, and passes the {@code removedToSequence} of every
   * {@code audit-retention} entry read to {@code retentionRemovals}: the removals the log records.
   */
  public static long readLeaves(
      Path directory, long limit, Consumer<byte[]> leaves, LongConsumer retentionRemovals)
      throws IOException {
    List<Segments.Segment> segments = Segments.list(directory);
    MessageDigest sha = Segments.sha256();
    long count = 0;
    for (Segments.Segment segment : segments) {
      if (count >= limit) {
        break;
      }
      try (SegmentReader reader =
          new SegmentReader(ChannelOpener.DEFAULT.open(segment.path(), StandardOpenOption.READ))) {
        if (reader.readHeader() == null) {
          return count;
        }
        while (count < limit) {
          if (reader.next() != SegmentReader.Status.RECORD) {
            break;
          }
          byte[] leaf = new byte[MerkleHashes.HASH_LENGTH];
          sha.reset();
          sha.update((byte) 0x00);
          sha.update(reader.payload(), 0, reader.payloadLength());
          try {
            sha.digest(leaf, 0, leaf.length);
          } catch (DigestException e) {
            throw new IOException("SHA-256 failed", e);
          }
          leaves.accept(leaf);
          if (indexOf(reader.payload(), reader.payloadLength(), RETENTION_MARK) >= 0) {
            retentionRemoval(reader.payload(), reader.payloadLength(), retentionRemovals);
          }
          count++;
        }
      }
    }
    return count;
  }
}
