package nl.hitmachine.service.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The RFC 6962 §2.1 hash functions over SHA-256.
 *
 * <ul>
 *   <li>leaf hash = SHA-256(0x00 ‖ entry)
 *   <li>node hash = SHA-256(0x01 ‖ left ‖ right)
 *   <li>empty-tree root = SHA-256() (of no bytes)
 * </ul>
 *
 * <p>The 0x00/0x01 prefixes keep a leaf from ever hashing like an interior node (second-preimage
 * protection). Every method returns a new 32-byte array; inputs are not modified. Thread-safe.
 */
public final class MerkleHashes {
  /** Length in bytes of every hash in the tree. */
  public static final int HASH_LENGTH = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private MerkleHashes() {}

  /** SHA-256(0x00 ‖ entry): the hash of one log entry as a leaf. */
  public static byte[] leafHash(byte[] entry) {
    Objects.requireNonNull(entry, "entry");
    MessageDigest digest = sha256();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return digest.digest();
  }

  /**
   * SHA-256(0x01 ‖ left ‖ right): the hash of an interior node.
   *
   * @throws IllegalArgumentException if either child is not {@value #HASH_LENGTH} bytes
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireHash(left, "left");
    requireHash(right, "right");
    MessageDigest digest = sha256();
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** SHA-256 of the empty string: the root of the tree with no leaves. */
  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  /** Checks that {@code hash} is a {@value #HASH_LENGTH}-byte array and returns it. */
  static byte[] requireHash(byte[] hash, String name) {
    Objects.requireNonNull(hash, name);
    if (hash.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          name + " must be " + HASH_LENGTH + " bytes, was " + hash.length);
    }
    return hash;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
