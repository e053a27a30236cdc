package nl.hitmachine.service.audit;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;

/**
 * Reads one segment front to back: the header, then records. Checks framing only; the caller checks
 * sequence numbers and the chain. Not thread-safe.
 */
final class SegmentReader implements Closeable {

  enum Status {
    /** A complete record was read. */
    RECORD,
    /** Clean end of the segment, at a record boundary. */
    END,
    /** The segment ends inside a record (fewer bytes than the record needs). */
    TORN,
    /** The length field is 0, 1 or larger than {@link AuditEntryCodec#MAX_PAYLOAD_BYTES}. */
    BAD_LENGTH
  }

  private final FileChannel channel;
  private final InputStream in;
  private final long fileSize;
  private final byte[] lengthBytes = new byte[Segments.LENGTH_BYTES];
  private final byte[] hash = new byte[Segments.HASH_BYTES];
  private byte[] payload = new byte[1024];
  private int payloadLength;
  private long position;
  private long recordOffset;

  SegmentReader(FileChannel channel) throws IOException {
    this.channel = channel;
    this.fileSize = channel.size();
    this.in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
  }

  long fileSize() {
    return fileSize;
  }

  /** The raw header, or {@code null} if the file is shorter than a header. */
  byte[] readHeader() throws IOException {
    if (fileSize < Segments.HEADER_BYTES) {
      return null;
    }
    byte[] header = new byte[Segments.HEADER_BYTES];
    readExactly(header, Segments.HEADER_BYTES);
    return header;
  }

  Status next() throws IOException {
    recordOffset = position;
    long remaining = fileSize - position;
    if (remaining == 0) {
      return Status.END;
    }
    if (remaining < Segments.LENGTH_BYTES) {
      return Status.TORN;
    }
    readExactly(lengthBytes, Segments.LENGTH_BYTES);
    long length =
        ((lengthBytes[0] & 0xFFL) << 24)
            | ((lengthBytes[1] & 0xFFL) << 16)
            | ((lengthBytes[2] & 0xFFL) << 8)
            | (lengthBytes[3] & 0xFFL);
    if (length < Segments.MIN_PAYLOAD_BYTES || length > AuditEntryCodec.MAX_PAYLOAD_BYTES) {
      return Status.BAD_LENGTH;
    }
    if (remaining < Segments.LENGTH_BYTES + length + Segments.HASH_BYTES) {
      return Status.TORN;
    }
    int len = (int) length;
    if (payload.length < len) {
      payload = new byte[Math.max(len, payload.length * 2)];
    }
    readExactly(payload, len);
    readExactly(hash, Segments.HASH_BYTES);
    payloadLength = len;
    return Status.RECORD;
  }

  /** Offset of the record last returned by {@link #next()} (or where it would have started). */
  long recordOffset() {
    return recordOffset;
  }

  /** Offset just after the record last returned. */
  long position() {
    return position;
  }

  byte[] payload() {
    return payload;
  }

  int payloadLength() {
    return payloadLength;
  }

  byte[] hash() {
    return hash;
  }

  /** True if every byte from {@code offset} to the end of the file is zero. */
  boolean zeroFrom(long offset) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
    long at = offset;
    while (at < fileSize) {
      b.clear();
      int n = channel.read(b, at);
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (b.get(i) != 0) {
          return false;
        }
      }
      at += n;
    }
    return true;
  }

  /** Offset of the first occurrence of {@code pattern} at or after {@code offset}, or -1. */
  long indexOf(byte[] pattern, long offset) throws IOException {
    int chunk = 64 * 1024;
    ByteBuffer b = ByteBuffer.allocate(chunk + pattern.length);
    long at = offset;
    while (at < fileSize) {
      b.clear();
      int n = 0;
      while (b.hasRemaining()) {
        int r = channel.read(b, at + n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      byte[] a = b.array();
      outer:
      for (int i = 0; i + pattern.length <= n; i++) {
        for (int j = 0; j < pattern.length; j++) {
          if (a[i + j] != pattern[j]) {
            continue outer;
          }
        }
        return at + i;
      }
      if (n < b.capacity()) {
        break;
      }
      at += chunk; // the next read overlaps this one by pattern.length bytes
    }
    return -1;
  }

  private void readExactly(byte[] target, int length) throws IOException {
    int read = in.readNBytes(target, 0, length);
    position += read;
    if (read != length) {
      throw new IOException("segment shrank while it was read");
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
