package nl.hitmachine.service.index;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The server-side, re-keyed form of a pseudonym: the 32-byte HMAC under the server's index key.
 * This is what the index stores; a copy of the data directory alone cannot link it to a pseudonym.
 *
 * <p>Immutable: the constructor and {@link #bytes()} copy. {@link #toString()} never prints the
 * bytes, so a key cannot leak into a log line by accident.
 */
public final class SubjectKey implements Comparable<SubjectKey> {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private SubjectKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static SubjectKey of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("subject key must be " + LENGTH + " bytes");
    }
    return new SubjectKey(bytes.clone());
  }

  /** Wraps without copying; only for callers that hand over a freshly made array. */
  public static SubjectKey wrap(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("subject key must be " + LENGTH + " bytes");
    }
    return new SubjectKey(bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the key into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** Lower-case hex; for tests and tooling only, never for logs. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public int compareTo(SubjectKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubjectKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "SubjectKey[redacted]";
  }
}
