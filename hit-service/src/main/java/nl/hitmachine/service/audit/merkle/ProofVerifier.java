package nl.hitmachine.service.audit.merkle;

import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.INDEX_OUT_OF_RANGE;
import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.INVALID_TREE_SIZES;
import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.MALFORMED_HASH;
import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.OLD_ROOT_MISMATCH;
import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.ROOT_MISMATCH;
import static nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason.WRONG_PROOF_LENGTH;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks inclusion and consistency proofs the way a third party would: straight from the
 * algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), with its own SHA-256 node
 * hashing and no code shared with {@link MerkleTree}, so a bug in the builder cannot hide itself.
 *
 * <p>It needs no secret and no access to the log: only sizes, hashes and the proof. A method
 * returns normally only if the proof is valid; otherwise it throws {@link
 * ProofVerificationException} with the {@link ProofVerificationException.Reason reason}. Sizes and
 * indexes are unsigned in the RFC; here they are {@code long}s and negative values are rejected.
 * Stateless and thread-safe.
 */
public final class ProofVerifier {
  private static final int HASH_LENGTH = 32;
  private static final byte NODE_PREFIX = 0x01;

  private ProofVerifier() {}

  /**
   * Verifies that {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize}
   * leaves whose root is {@code root} (RFC 9162 §2.1.3.2).
   *
   * @param proof the inclusion path, leaf level first (empty for a one-leaf tree)
   * @throws ProofVerificationException if the proof does not show that
   */
  public static void verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofVerificationException {
    Objects.requireNonNull(proof, "proof");
    if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize) {
      throw new ProofVerificationException(
          INDEX_OUT_OF_RANGE, "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
    }
    requireHash(leafHash, "leaf hash");
    requireHash(root, "root");
    requireHashes(proof);

    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw tooLong(proof);
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = node(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = node(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw tooShort(proof);
    }
    if (!MessageDigest.isEqual(r, root)) {
      throw new ProofVerificationException(
          ROOT_MISMATCH, "the proof leads to another root than the tree head's");
    }
  }

  /**
   * Verifies that the tree of {@code size1} leaves with root {@code root1} is a prefix of the tree
   * of {@code size2} leaves with root {@code root2} (RFC 9162 §2.1.4.2).
   *
   * <p>Equal sizes need an empty proof and equal roots; for size 0 the root must also be the empty
   * tree's, SHA-256(""). A proof from size 0 to a larger size does not exist (every tree extends
   * the empty one), so it is rejected as {@link ProofVerificationException.Reason#INVALID_TREE_SIZES}.
   *
   * @param proof the consistency proof, leaf level first
   * @throws ProofVerificationException if the proof does not show that
   */
  public static void verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof)
      throws ProofVerificationException {
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    if (size1 < 0 || size2 < 0 || size1 > size2) {
      throw new ProofVerificationException(
          INVALID_TREE_SIZES, "size1 " + size1 + " and size2 " + size2 + " are not 0 <= size1 <= size2");
    }
    if (size1 == size2) {
      verifySameSize(size1, root1, root2, proof);
      return;
    }
    if (size1 == 0) {
      throw new ProofVerificationException(
          INVALID_TREE_SIZES, "there is no consistency proof from the empty tree");
    }
    if (proof.isEmpty()) {
      throw new ProofVerificationException(WRONG_PROOF_LENGTH, "proof is empty");
    }
    requireHash(root1, "root1");
    requireHash(root2, "root2");
    requireHashes(proof);

    // Step 2: if size1 is a power of two, the old root is itself a node on the path.
    List<byte[]> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    path.addAll(proof);

    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (byte[] c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw tooLong(proof);
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = node(c, fr);
        sr = node(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = node(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw tooShort(proof);
    }
    if (!MessageDigest.isEqual(fr, root1)) {
      throw new ProofVerificationException(
          OLD_ROOT_MISMATCH, "the proof leads to another root for size " + size1);
    }
    if (!MessageDigest.isEqual(sr, root2)) {
      throw new ProofVerificationException(
          ROOT_MISMATCH, "the proof leads to another root for size " + size2);
    }
  }

  private static void verifySameSize(long size, byte[] root1, byte[] root2, List<byte[]> proof)
      throws ProofVerificationException {
    if (!proof.isEmpty()) {
      throw new ProofVerificationException(
          WRONG_PROOF_LENGTH, "equal sizes need an empty proof, got " + proof.size() + " hashes");
    }
    if (size == 0 && !MessageDigest.isEqual(root1, emptyTreeRoot())) {
      throw new ProofVerificationException(
          OLD_ROOT_MISMATCH, "the root of the empty tree must be SHA-256 of no bytes");
    }
    if (!MessageDigest.isEqual(root1, root2)) {
      throw new ProofVerificationException(
          ROOT_MISMATCH, "equal sizes with different roots: the log forked");
    }
  }

  private static ProofVerificationException tooLong(List<byte[]> proof) {
    return new ProofVerificationException(
        WRONG_PROOF_LENGTH, "proof has more hashes than the tree has levels (" + proof.size() + ")");
  }

  private static ProofVerificationException tooShort(List<byte[]> proof) {
    return new ProofVerificationException(
        WRONG_PROOF_LENGTH, "proof has too few hashes (" + proof.size() + ")");
  }

  private static void requireHashes(List<byte[]> proof) throws ProofVerificationException {
    for (int i = 0; i < proof.size(); i++) {
      requireHash(proof.get(i), "proof hash " + i);
    }
  }

  private static void requireHash(byte[] hash, String what) throws ProofVerificationException {
    if (hash == null || hash.length != HASH_LENGTH) {
      throw new ProofVerificationException(
          MALFORMED_HASH,
          what + " is " + (hash == null ? "missing" : hash.length + " bytes") + ", not " + HASH_LENGTH);
    }
  }

  private static byte[] node(byte[] left, byte[] right) {
    MessageDigest sha256 = sha256();
    sha256.update(NODE_PREFIX);
    sha256.update(left);
    sha256.update(right);
    return sha256.digest();
  }

  private static byte[] emptyTreeRoot() {
    return sha256().digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
