package nl.hitmachine.connector;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Immutable secret key material. {@link #equals} compares in constant time and {@link
 * #toString()} never prints the bytes, so a key cannot leak into a log line by accident.
 */
public final class SecretBytes {
  private final byte[] bytes;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}; later changes to the array do not affect this object. */
  public static SecretBytes copyOf(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new SecretBytes(bytes.clone());
  }

  /** {@code length} fresh bytes from {@code random}. */
  public static SecretBytes random(int length, SecureRandom random) {
    if (length <= 0) {
      throw new IllegalArgumentException("length must be positive");
    }
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  public int size() {
    return bytes.length;
  }

  /** A copy of the key material. Callers should clear it when done. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Constant-time comparison (for equal lengths). */
  @Override
  public boolean equals(Object o) {
    return o instanceof SecretBytes other && MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Depends on the length only, so a hash table reveals nothing about the bytes. */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted]";
  }
}
