package nl.hitmachine.service.audit.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Tree heads and proofs over a {@link LeafHashes} source, exactly as RFC 6962 §2.1 defines them:
 * MTH (§2.1), PATH (§2.1.1, inclusion / audit path) and PROOF/SUBPROOF (§2.1.2, consistency).
 *
 * <p>Any tree size up to {@code leaves.size()} can be asked for, so proofs can be made against
 * every earlier tree head. The recursive definitions of the RFC are walked iteratively (no
 * recursion; depth is at most 64 anyway), and subtree hashes are recomputed from the leaf hashes
 * with a {@link CompactRange}: a root or a proof costs O(n) hashes and O(log n) memory for a tree
 * of n leaves. That is fine for audit-sized logs queried now and then; a log that serves many
 * proofs should later cache interior node hashes. The current root of a growing log is cheaper
 * with a {@link CompactRange} kept next to the store (O(log n) per append).
 *
 * <p>Proof hashes are ordered from the leaf level up, as the RFC's lists are, and are the wire
 * form that {@link ProofVerifier} checks. Thread-safe if the source is.
 */
public final class MerkleTree {
  private final LeafHashes leaves;

  public MerkleTree(LeafHashes leaves) {
    this.leaves = Objects.requireNonNull(leaves, "leaves");
  }

  /** The number of leaves the source holds now. */
  public long size() {
    return leaves.size();
  }

  /**
   * MTH of the first {@code size} leaves; SHA-256("") for size 0.
   *
   * @throws IllegalArgumentException if {@code size} is negative or beyond the source
   */
  public byte[] root(long size) {
    checkSize(size, "size");
    return subtreeHash(0, size);
  }

  /** The tree head for the first {@code size} leaves. */
  public TreeHead treeHead(long size) {
    return new TreeHead(size, root(size));
  }

  /**
   * PATH(index, D[size]) of RFC 6962 §2.1.1: the sibling hashes from leaf {@code index} up to the
   * root of the tree of {@code size} leaves. Empty for a one-leaf tree.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size <= size()}
   */
  public List<byte[]> inclusionProof(long index, long size) {
    checkSize(size, "size");
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index " + index + " not in [0, " + size + ")");
    }
    // Walk down from the root, collecting the sibling of each subtree that contains `index`;
    // the RFC lists them bottom-up, so reverse at the end.
    List<byte[]> topDown = new ArrayList<>();
    long start = 0;
    long n = size;
    long m = index;
    while (n > 1) {
      long k = largestPowerOfTwoBelow(n);
      if (m < k) {
        topDown.add(subtreeHash(start + k, n - k));
        n = k;
      } else {
        topDown.add(subtreeHash(start, k));
        start += k;
        m -= k;
        n -= k;
      }
    }
    Collections.reverse(topDown);
    return Collections.unmodifiableList(topDown);
  }

  /**
   * PROOF(size1, D[size2]) of RFC 6962 §2.1.2: the hashes that prove the tree of {@code size1}
   * leaves is a prefix of the tree of {@code size2} leaves. Empty when the sizes are equal.
   *
   * @throws IllegalArgumentException unless {@code 0 < size1 <= size2 <= size()}; a proof from the
   *     empty tree is not defined (every tree extends it)
   */
  public List<byte[]> consistencyProof(long size1, long size2) {
    checkSize(size2, "size2");
    if (size1 <= 0 || size1 > size2) {
      throw new IllegalArgumentException("size1 " + size1 + " not in [1, " + size2 + "]");
    }
    // SUBPROOF(m, D[start:start+n], b), unrolled: each step appends the sibling subtree of the
    // side that holds the old tree's edge; the RFC lists them bottom-up.
    List<byte[]> topDown = new ArrayList<>();
    long start = 0;
    long n = size2;
    long m = size1;
    boolean oldTreeIsWholeSubtree = true; // the RFC's b: true while D[0:m] is the node itself
    while (m != n) {
      long k = largestPowerOfTwoBelow(n);
      if (m <= k) {
        topDown.add(subtreeHash(start + k, n - k));
        n = k;
      } else {
        topDown.add(subtreeHash(start, k));
        start += k;
        m -= k;
        n -= k;
        oldTreeIsWholeSubtree = false;
      }
    }
    if (!oldTreeIsWholeSubtree) {
      topDown.add(subtreeHash(start, n)); // SUBPROOF(m, D[m], false) = [MTH(D[m])]
    }
    Collections.reverse(topDown);
    return Collections.unmodifiableList(topDown);
  }

  private byte[] subtreeHash(long start, long count) {
    return CompactRange.ofRange(leaves, start, count).root();
  }

  private void checkSize(long size, String name) {
    long available = leaves.size();
    if (size < 0 || size > available) {
      throw new IllegalArgumentException(name + " " + size + " not in [0, " + available + "]");
    }
  }

  /** The largest power of two strictly less than {@code n}, for {@code n > 1} (RFC 6962's k). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }
}
