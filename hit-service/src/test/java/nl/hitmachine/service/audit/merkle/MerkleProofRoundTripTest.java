package nl.hitmachine.service.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import nl.hitmachine.service.audit.merkle.ProofVerificationException.Reason;
import org.junit.jupiter.api.Test;

/**
 * Every proof {@link MerkleTree} makes verifies with the independent {@link ProofVerifier}, and no
 * tampered variant does. Small trees are checked exhaustively (every bit of every proof hash and
 * root, for every leaf and older size); larger sizes up to 300 (edges of the power-of-two sizes and
 * random ones) with sampled positions and bits.
 */
class MerkleProofRoundTripTest {
  private static final int MAX_SIZE = 300;
  private static final InMemoryLeafHashes LEAVES = ReferenceTrees.numberedLeaves(MAX_SIZE);
  private static final MerkleTree TREE = new MerkleTree(LEAVES);
  /** ROOTS[n] = root of the first n leaves (checked against the reference in MerkleTreeTest). */
  private static final byte[][] ROOTS = new byte[MAX_SIZE + 1][];

  static {
    CompactRange range = new CompactRange();
    for (int n = 0; n <= MAX_SIZE; n++) {
      ROOTS[n] = range.root();
      if (n < MAX_SIZE) {
        range.append(LEAVES.get(n));
      }
    }
  }

  private static byte[] root(long size) {
    return ROOTS[(int) Math.max(0, size)].clone();
  }

  private static TreeSet<Integer> sizesToCheck() {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (int s = 1; s <= 17; s++) {
      sizes.add(s);
    }
    sizes.addAll(List.of(31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, MAX_SIZE));
    Random random = new Random(6962);
    while (sizes.size() < 50) {
      sizes.add(1 + random.nextInt(MAX_SIZE));
    }
    return sizes;
  }

  private static boolean exhaustive(int size) {
    return size <= 17;
  }

  /**
   * Whether to try the tampered variants for position {@code i} of {@code n}: always in small
   * trees; in larger ones the two at each end and about 16 random others (every proof still
   * verifies).
   */
  private static boolean tamperWith(int i, int n, Random random) {
    return exhaustive(n) || i < 2 || i >= n - 2 || random.nextInt(n) < 16;
  }

  @Test
  void inclusionProof_everyLeafOfManySizes_verifiesAndTamperingIsRejected() throws Exception {
    Random random = new Random(9162);
    for (int treeSize : sizesToCheck()) {
      int size = treeSize;
      byte[] root = root(size);
      for (int i = 0; i < size; i++) {
        int index = i;
        byte[] leaf = LEAVES.get(index);
        List<byte[]> proof = TREE.inclusionProof(index, size);
        ProofVerifier.verifyInclusion(index, size, leaf, proof, root);

        if (!tamperWith(index, size, random)) {
          continue;
        }
        String what = "leaf " + index + " of " + size;
        for (List<byte[]> bad : tamperedProofs(proof, exhaustive(size), random)) {
          assertRejected(() -> ProofVerifier.verifyInclusion(index, size, leaf, bad, root), what);
        }
        for (byte[] badRoot : flippedBits(root, exhaustive(size), random)) {
          assertRejected(() -> ProofVerifier.verifyInclusion(index, size, leaf, proof, badRoot), what);
        }
        for (byte[] badLeaf : flippedBits(leaf, false, random)) {
          assertRejected(() -> ProofVerifier.verifyInclusion(index, size, badLeaf, proof, root), what);
        }
        for (long otherIndex : otherValues(index, size, random)) {
          // Any other index, in range or not, with the same leaf, proof and tree head.
          assertRejected(() -> ProofVerifier.verifyInclusion(otherIndex, size, leaf, proof, root), what);
        }
        for (long otherSize : otherValues(size, MAX_SIZE + 1, random)) {
          // A size the log also had, with that size's real root: the proof must not fit it.
          byte[] otherRoot = root(otherSize);
          assertRejected(
              () -> ProofVerifier.verifyInclusion(index, otherSize, leaf, proof, otherRoot), what);
        }
      }
    }
  }

  @Test
  void consistencyProof_everyOlderSizeOfManySizes_verifiesAndTamperingIsRejected() throws Exception {
    Random random = new Random(6962_9162);
    for (int size2 : sizesToCheck()) {
      byte[] root2 = root(size2);
      for (int size1 = 1; size1 <= size2; size1++) {
        byte[] root1 = root(size1);
        List<byte[]> proof = TREE.consistencyProof(size1, size2);
        ProofVerifier.verifyConsistency(size1, size2, root1, root2, proof);

        if (!tamperWith(size1 - 1, size2, random)) {
          continue;
        }
        int s1 = size1;
        String what = "consistency " + size1 + " -> " + size2;
        for (List<byte[]> bad : tamperedProofs(proof, exhaustive(size2), random)) {
          assertRejected(() -> ProofVerifier.verifyConsistency(s1, size2, root1, root2, bad), what);
        }
        for (byte[] bad : flippedBits(root1, exhaustive(size2), random)) {
          assertRejected(() -> ProofVerifier.verifyConsistency(s1, size2, bad, root2, proof), what);
        }
        for (byte[] bad : flippedBits(root2, exhaustive(size2), random)) {
          assertRejected(() -> ProofVerifier.verifyConsistency(s1, size2, root1, bad, proof), what);
        }
        for (long other1 : otherValues(size1, MAX_SIZE + 1, random)) {
          byte[] otherRoot1 = root(other1);
          assertRejected(
              () -> ProofVerifier.verifyConsistency(other1, size2, otherRoot1, root2, proof), what);
        }
        for (long other2 : otherValues(size2, MAX_SIZE + 1, random)) {
          byte[] otherRoot2 = root(other2);
          assertRejected(
              () -> ProofVerifier.verifyConsistency(s1, other2, root1, otherRoot2, proof), what);
        }
      }
    }
  }

  @Test
  void verifyInclusion_wrongRoot_saysRootMismatch() {
    byte[] root = TREE.root(10);
    root[5] ^= 0x10;
    assertThatThrownBy(
            () -> ProofVerifier.verifyInclusion(3, 10, LEAVES.get(3), TREE.inclusionProof(3, 10), root))
        .isInstanceOfSatisfying(
            ProofVerificationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ROOT_MISMATCH));
  }

  @Test
  void verifyInclusion_indexBeyondTree_saysIndexOutOfRange() {
    assertThatThrownBy(
            () -> ProofVerifier.verifyInclusion(10, 10, LEAVES.get(3), List.of(), TREE.root(10)))
        .isInstanceOfSatisfying(
            ProofVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INDEX_OUT_OF_RANGE));
  }

  @Test
  void verifyInclusion_proofMissingAHash_saysWrongProofLength() {
    List<byte[]> proof = new ArrayList<>(TREE.inclusionProof(3, 10));
    proof.remove(proof.size() - 1);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(3, 10, LEAVES.get(3), proof, TREE.root(10)))
        .isInstanceOfSatisfying(
            ProofVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PROOF_LENGTH));
  }

  @Test
  void verifyConsistency_forkedOldRoot_saysOldRootMismatch() {
    byte[] root1 = TREE.root(6);
    root1[0] ^= 1;
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(6, 13, root1, TREE.root(13), TREE.consistencyProof(6, 13)))
        .isInstanceOfSatisfying(
            ProofVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.OLD_ROOT_MISMATCH));
  }

  @Test
  void verifyConsistency_shrinkingTree_saysInvalidTreeSizes() {
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(13, 6, TREE.root(13), TREE.root(6), List.of()))
        .isInstanceOfSatisfying(
            ProofVerificationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_TREE_SIZES));
  }

  @Test
  void verifyConsistency_equalSizesAndRoots_acceptsTheEmptyProof() {
    assertThatCode(
            () -> ProofVerifier.verifyConsistency(7, 7, TREE.root(7), TREE.root(7), List.of()))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> ProofVerifier.verifyConsistency(
                0, 0, MerkleHashes.emptyRoot(), MerkleHashes.emptyRoot(), List.of()))
        .doesNotThrowAnyException();
  }

  // --- tampering ---------------------------------------------------------------------------

  /**
   * Variants of a proof that must all fail: one bit flipped (every bit, or a sample), a hash
   * dropped, a hash added at either end, two hashes swapped.
   */
  private static List<List<byte[]>> tamperedProofs(List<byte[]> proof, boolean everyBit, Random random) {
    List<List<byte[]>> variants = new ArrayList<>();
    for (int i = 0; i < proof.size(); i++) {
      for (byte[] flipped : flippedBits(proof.get(i), everyBit, random)) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.set(i, flipped);
        variants.add(copy);
      }
      List<byte[]> dropped = new ArrayList<>(proof);
      dropped.remove(i);
      variants.add(dropped);
    }
    byte[] extra = MerkleHashes.leafHash(new byte[] {42});
    List<byte[]> appended = new ArrayList<>(proof);
    appended.add(extra);
    variants.add(appended);
    List<byte[]> prepended = new ArrayList<>(proof);
    prepended.add(0, extra);
    variants.add(prepended);
    if (proof.size() >= 2) {
      List<byte[]> swapped = new ArrayList<>(proof);
      swapped.set(0, proof.get(1));
      swapped.set(1, proof.get(0));
      variants.add(swapped);
    }
    return variants;
  }

  /** Copies of {@code hash} with one bit flipped: every bit, or 8 random ones. */
  private static List<byte[]> flippedBits(byte[] hash, boolean everyBit, Random random) {
    List<byte[]> variants = new ArrayList<>();
    int bits = hash.length * 8;
    for (int n = 0; n < (everyBit ? bits : 8); n++) {
      int bit = everyBit ? n : random.nextInt(bits);
      byte[] copy = hash.clone();
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      variants.add(copy);
    }
    return variants;
  }

  /** Neighbours and a few random values in [-1, bound), all different from {@code value}. */
  private static List<Long> otherValues(long value, long bound, Random random) {
    TreeSet<Long> others = new TreeSet<>(List.of(value - 1, value + 1, value * 2, value / 2, -1L));
    for (int i = 0; i < 3; i++) {
      others.add((long) random.nextInt((int) bound));
    }
    others.remove(value);
    others.removeIf(v -> v >= bound);
    return new ArrayList<>(others);
  }

  /** Plain try/catch rather than AssertJ: this runs about a million times. */
  private static void assertRejected(ThrowingCall call, String what) {
    try {
      call.run();
    } catch (ProofVerificationException expected) {
      return;
    }
    fail("a tampered proof verified: " + what);
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws ProofVerificationException;
  }
}
