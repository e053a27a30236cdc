package nl.hitmachine.service.audit;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte array the writer thread assembles framed records in. Not thread-safe. */
final class RecordBuffer extends OutputStream {
  private final int initialCapacity;
  private byte[] buf;
  private int size;

  RecordBuffer(int initialCapacity) {
    this.initialCapacity = initialCapacity;
    this.buf = new byte[initialCapacity];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** The backing array; valid until the next call that grows the buffer. */
  byte[] array() {
    return buf;
  }

  int size() {
    return size;
  }

  /** Advances the end by {@code n} bytes (their content is written later). */
  void skip(int n) {
    ensure(n);
    size += n;
  }

  /** Drops everything after {@code newSize}. */
  void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("newSize out of range");
    }
    size = newSize;
  }

  void putInt(int at, int value) {
    buf[at] = (byte) (value >>> 24);
    buf[at + 1] = (byte) (value >>> 16);
    buf[at + 2] = (byte) (value >>> 8);
    buf[at + 3] = (byte) value;
  }

  /** Empties the buffer; gives back memory if one huge batch made it grow beyond {@code keep}. */
  void clear(int keep) {
    size = 0;
    if (buf.length > keep) {
      buf = new byte[initialCapacity];
    }
  }

  void ensure(int extra) {
    int needed = size + extra;
    if (needed < 0) {
      throw new OutOfMemoryError("audit record buffer overflow");
    }
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }
}
