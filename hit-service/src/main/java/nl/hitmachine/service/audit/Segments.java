package nl.hitmachine.service.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The segment file format; see {@link FileAuditLog} for the description. */
final class Segments {
  static final byte[] MAGIC = "HMAUDLOG".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HASH_BYTES = 32;
  static final int LENGTH_BYTES = 4;

  /** magic (8) + version (4) + first sequence (8) + previous hash (32). */
  static final int HEADER_BYTES = 8 + 4 + 8 + HASH_BYTES;

  /** Smallest possible record: a length, a two-byte JSON object and a hash. */
  static final int MIN_PAYLOAD_BYTES = 2;

  private static final Pattern NAME = Pattern.compile("audit-(\\d{20})\\.log");
  static final String TEMP_SUFFIX = ".tmp";

  private Segments() {}

  /** A segment file and the sequence number its name says it starts at. */
  record Segment(long firstSequence, Path path) {}

  static String fileName(long firstSequence) {
    return String.format("audit-%020d.log", firstSequence);
  }

  /** The segment files in {@code directory}, in sequence order. */
  static List<Segment> list(Path directory) throws IOException {
    List<Segment> segments = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "audit-*.log")) {
      for (Path file : files) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        if (m.matches()) {
          long first;
          try {
            first = Long.parseLong(m.group(1));
          } catch (NumberFormatException e) {
            continue; // 20 digits beyond Long.MAX_VALUE: not one of ours
          }
          segments.add(new Segment(first, file));
        }
      }
    }
    segments.sort(Comparator.comparingLong(Segment::firstSequence));
    return segments;
  }

  static byte[] header(long firstSequence, byte[] previousHash) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES);
    b.put(MAGIC).putInt(VERSION).putLong(firstSequence).put(previousHash, 0, HASH_BYTES);
    return b.array();
  }

  /** A parsed segment header. */
  record Header(long firstSequence, byte[] previousHash) {}

  /** Parses a header; returns the problem as an exception message. */
  static Header parseHeader(byte[] raw) throws IOException {
    if (!Arrays.equals(raw, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IOException("segment header damaged (bad magic)");
    }
    ByteBuffer b = ByteBuffer.wrap(raw);
    b.position(MAGIC.length);
    int version = b.getInt();
    if (version != VERSION) {
      throw new IOException("unsupported segment format version " + version);
    }
    long first = b.getLong();
    byte[] previous = new byte[HASH_BYTES];
    b.get(previous);
    return new Header(first, previous);
  }

  /** {@code out = SHA-256(previous ‖ payload[0, length))}. */
  static void chainHash(
      MessageDigest sha, byte[] previous, byte[] payload, int offset, int length, byte[] out)
      throws IOException {
    sha.update(previous, 0, HASH_BYTES);
    sha.update(payload, offset, length);
    try {
      sha.digest(out, 0, HASH_BYTES);
    } catch (java.security.DigestException e) {
      throw new IOException("SHA-256 failed", e);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
