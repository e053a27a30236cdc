package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import nl.hitmachine.service.audit.merkle.MerkleHashes;

/**
 * Read-only access to the Merkle leaves of a log directory that is not open, for offline
 * verification: every record's RFC 6962 leaf hash SHA-256(0x00 ‖ stored payload bytes), recomputed
 * from the segment files (never from {@value FileAuditLog#LEAF_FILE}). Opens files for reading
 * only and takes no lock.
 *
 * <p>This reads framing only; check the chain first with {@link FileAuditLog#verifyDirectory} and
 * read no further than the entries it accepted.
 */
public final class AuditLeafReader {
  private AuditLeafReader() {}

  /** The number of segment files in {@code directory}. */
  public static int segmentCount(Path directory) throws IOException {
    return Segments.list(directory).size();
  }

  /**
   * Passes the leaf hash of each record, in file order, to {@code leaves}, up to {@code limit}
   * records or the first record that is not complete.
   *
   * @return the number of leaf hashes passed
   */
  public static long readLeaves(Path directory, long limit, Consumer<byte[]> leaves) throws IOException {
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
          count++;
        }
      }
    }
    return count;
  }
}
