package nl.hitmachine.service.crypto;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A 32-byte server secret. Immutable; {@link #toString()} never prints the bytes and {@link
 * #equals} compares in constant time.
 */
public final class ServerKey {
  public static final int LENGTH = 32;

  private final byte[] bytes;

  private ServerKey(byte[] bytes) {
    this.bytes = bytes;
  }

  public static ServerKey of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a server key must be exactly " + LENGTH + " bytes");
    }
    return new ServerKey(bytes.clone());
  }

  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ServerKey other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new byte[] {bytes[0]});
  }

  @Override
  public String toString() {
    return "ServerKey[redacted]";
  }
}
