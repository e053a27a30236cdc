package nl.hitmachine.service.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads entries across segments in sequence order and checks everything on the way: segment
 * headers, framing, dense sequence numbers and the hash chain. Damage is reported as an {@link
 * AuditLogCorruptedException} naming the first bad sequence number. Not thread-safe.
 */
final class ChainScanner implements Closeable {
  private static final HexFormat HEX = HexFormat.of();

  private final ChannelOpener opener;
  private final List<Segments.Segment> segments;
  private final long from;
  private final long limit;
  private boolean fromGenesis;
  private final MessageDigest sha = Segments.sha256();
  private final byte[] previous = new byte[Segments.HASH_BYTES];
  private final byte[] computed = new byte[Segments.HASH_BYTES];
  private int segmentIndex;
  private SegmentReader reader;
  private boolean started;
  private long expected;
  private long firstSequence;

  /**
   * @param segments the segment files, in order
   * @param from first sequence number to return (earlier ones in its segment are still checked)
   * @param limit stop before this sequence number; entries up to it must exist. {@link
   *     Long#MAX_VALUE} reads to the end of the files
   */
  ChainScanner(ChannelOpener opener, List<Segments.Segment> segments, long from, long limit) {
    this.opener = opener;
    this.segments = segments;
    this.from = from;
    this.limit = limit;
    int start = 0;
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).firstSequence() <= from) {
        start = i;
      }
    }
    this.segmentIndex = start;
    // A log whose first segment does not start at 0 had its oldest segments removed by retention:
    // its chain starts from that segment's header like a read from the middle.
    this.fromGenesis = start == 0 && !segments.isEmpty() && segments.get(0).firstSequence() == 0;
  }

  /**
   * The first sequence number checked: the first segment's, once it was opened (0 for an empty
   * log or before {@link #next()}).
   */
  long firstSequence() {
    return firstSequence;
  }

  /** Number of entries checked so far (from the start of the first segment read). */
  long nextSequence() {
    return expected;
  }

  /**
   * The next entry at or after {@code from}, or {@code null} at the end.
   *
   * @throws AuditLogCorruptedException if the log is damaged before that entry
   * @throws IOException if a segment cannot be read
   */
  StoredAuditEntry next() throws IOException {
    while (true) {
      if (expected >= limit) {
        return null;
      }
      if (reader == null) {
        if (segmentIndex >= segments.size()) {
          if (limit != Long.MAX_VALUE) {
            throw new AuditLogCorruptedException(
                expected, "missing entries: the log ends before sequence " + limit);
          }
          return null;
        }
        try {
          openSegment(segments.get(segmentIndex));
        } catch (NoSuchFileException e) {
          if (started || segmentIndex == segments.size() - 1) {
            throw e;
          }
          // Removed by retention since the segments were listed: start at the next one.
          segmentIndex++;
          fromGenesis = false;
          continue;
        }
      }
      switch (reader.next()) {
        case END -> {
          reader.close();
          reader = null;
          segmentIndex++;
        }
        case TORN -> throw new AuditLogCorruptedException(expected, "truncated record");
        case BAD_LENGTH -> throw new AuditLogCorruptedException(expected, "bad record length");
        case RECORD -> {
          StoredAuditEntry e = checkRecord();
          if (e != null) {
            return e;
          }
        }
      }
    }
  }

  private StoredAuditEntry checkRecord() throws IOException {
    byte[] payload = reader.payload();
    int length = reader.payloadLength();
    boolean wanted = expected >= from;
    long seq;
    AuditEntry entry = null;
    try {
      if (wanted) {
        AuditEntryCodec.Decoded d = AuditEntryCodec.decode(payload, 0, length);
        seq = d.sequence();
        entry = d.entry();
      } else {
        seq = AuditEntryCodec.readSequence(payload, 0, length);
      }
    } catch (IOException e) {
      throw new AuditLogCorruptedException(expected, "unreadable entry");
    }
    if (seq != expected) {
      throw new AuditLogCorruptedException(
          expected,
          (seq > expected ? "sequence gap" : "sequence out of order")
              + ": expected "
              + expected
              + ", found "
              + seq);
    }
    Segments.chainHash(sha, previous, payload, 0, length, computed);
    if (!MessageDigest.isEqual(computed, reader.hash())) {
      throw new AuditLogCorruptedException(expected, "hash mismatch");
    }
    System.arraycopy(computed, 0, previous, 0, Segments.HASH_BYTES);
    expected++;
    return wanted ? new StoredAuditEntry(seq, entry, HEX.formatHex(computed)) : null;
  }

  private void openSegment(Segments.Segment segment) throws IOException {
    String name = segment.path().getFileName().toString();
    reader = new SegmentReader(opener.open(segment.path(), StandardOpenOption.READ));
    byte[] raw = reader.readHeader();
    if (raw == null) {
      throw new AuditLogCorruptedException(expected, "segment header truncated in " + name);
    }
    Segments.Header header;
    try {
      header = Segments.parseHeader(raw);
    } catch (IOException e) {
      throw new AuditLogCorruptedException(expected, e.getMessage() + " in " + name);
    }
    if (header.firstSequence() != segment.firstSequence()) {
      throw new AuditLogCorruptedException(
          expected, "segment header does not match its file name " + name);
    }
    if (!started && !fromGenesis) {
      // Reading from the middle: trust this segment's header as the chain's starting point.
      expected = header.firstSequence();
      firstSequence = expected;
      System.arraycopy(header.previousHash(), 0, previous, 0, Segments.HASH_BYTES);
    } else if (header.firstSequence() > expected) {
      throw new AuditLogCorruptedException(
          expected,
          "sequence gap: expected "
              + expected
              + ", next segment starts at "
              + header.firstSequence());
    } else if (header.firstSequence() < expected) {
      throw new AuditLogCorruptedException(
          expected, "overlapping segment " + name + " starts at " + header.firstSequence());
    } else if (!MessageDigest.isEqual(header.previousHash(), previous)) {
      throw new AuditLogCorruptedException(expected, "hash mismatch at segment boundary");
    }
    started = true;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
