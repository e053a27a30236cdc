package nl.hitmachine.bench;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * A synthetic population of pseudonyms, addressable by index: subject {@code i} is {@code kid +
 * "." + base64url(SHA-256(be64(seed) ‖ be64(i)))}. The preload registers indexes {@code [0, n)};
 * a lookup run with the same seed can then ask for registered subjects (hits) and for subjects
 * from {@link #MISS_BASE} on (never registered). The 32-byte digests are what a connector's HMAC
 * produces, so the service sees ordinary pseudonyms; PostgreSQL's baseline computes the same keys
 * with {@code sha256(int8send(seed) || int8send(i))}. No BSN is involved.
 */
record Population(String kid, long seed) {
  /** Indexes from here on are never registered by the bench (lookup misses). */
  static final long MISS_BASE = 1L << 60;
  /** The registrations scenario registers fresh subjects from here on, away from the preload. */
  static final long FRESH_BASE = 1L << 40;

  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  });

  Population {
    if (!kid.matches("[a-z0-9]{1,16}")) {
      throw new IllegalArgumentException("kid must match [a-z0-9]{1,16}");
    }
  }

  /** The 32 bytes of subject {@code i}. */
  byte[] digest(long i) {
    MessageDigest sha = SHA256.get();
    sha.update(ByteBuffer.allocate(16).putLong(seed).putLong(i).array());
    return sha.digest();
  }

  String pseudonym(long i) {
    return kid + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest(i));
  }

  /**
   * Subjects for lookups: with probability {@code hitRate} one of the registered {@code [0,
   * registered)}, otherwise one that is never registered.
   */
  java.util.function.Supplier<String> sampler(long registered, double hitRate, SplittableRandom random) {
    if (hitRate < 0 || hitRate > 1) {
      throw new IllegalArgumentException("hit rate must be between 0 and 1");
    }
    if (hitRate > 0 && registered < 1) {
      throw new IllegalArgumentException("a hit rate above 0 needs registered subjects (--population)");
    }
    return () -> random.nextDouble() < hitRate
        ? pseudonym(random.nextLong(registered))
        : pseudonym(MISS_BASE + random.nextLong(1L << 40));
  }
}
