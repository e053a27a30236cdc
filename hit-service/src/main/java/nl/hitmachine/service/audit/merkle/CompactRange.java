package nl.hitmachine.service.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The frontier of an append-only Merkle tree: the roots of the perfect subtrees that make up the
 * leaves {@code [0, size)}, one per set bit of {@code size}, largest (leftmost) first — at most 64
 * hashes.
 *
 * <p>{@link #append(byte[])} costs amortised O(1) node hashes (O(log n) worst case) and {@link
 * #root()} O(log n), so a log can keep one of these next to its store and publish a tree head after
 * every append without rehashing old entries. The root equals the RFC 6962 §2.1 Merkle Tree Hash
 * of the appended leaves: MTH splits at the largest power of two below n, which is exactly this
 * decomposition folded from the right.
 *
 * <p>Not thread-safe; confine it to the log's single writer or guard it.
 */
public final class CompactRange {
  private final List<byte[]> subtreeRoots = new ArrayList<>();
  private long size;

  /** An empty range (size 0). */
  public CompactRange() {}

  /** A range over the first {@code size} leaves of {@code leaves}; O(size) hashing. */
  public static CompactRange of(LeafHashes leaves, long size) {
    if (size < 0 || size > leaves.size()) {
      throw new IllegalArgumentException("size " + size + " not in [0, " + leaves.size() + "]");
    }
    return ofRange(leaves, 0, size);
  }

  /** A range over leaves {@code [start, start + count)}; the root is then MTH of that slice. */
  static CompactRange ofRange(LeafHashes leaves, long start, long count) {
    CompactRange range = new CompactRange();
    for (long i = start; i < start + count; i++) {
      range.append(leaves.get(i));
    }
    return range;
  }

  /**
   * Appends one 32-byte leaf hash (already {@link MerkleHashes#leafHash(byte[]) leaf-hashed}).
   *
   * @throws IllegalArgumentException if {@code leafHash} is not 32 bytes
   */
  public void append(byte[] leafHash) {
    byte[] node = MerkleHashes.requireHash(leafHash, "leafHash").clone();
    // Each trailing one bit of the old size is a perfect subtree the same height as `node`:
    // merge them, like carrying in binary addition.
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      byte[] left = subtreeRoots.remove(subtreeRoots.size() - 1);
      node = MerkleHashes.nodeHash(left, node);
    }
    subtreeRoots.add(node);
    size++;
  }

  /** The number of leaves appended. */
  public long size() {
    return size;
  }

  /** The RFC 6962 root of the leaves appended so far (SHA-256("") when empty). */
  public byte[] root() {
    if (subtreeRoots.isEmpty()) {
      return MerkleHashes.emptyRoot();
    }
    byte[] acc = subtreeRoots.get(subtreeRoots.size() - 1);
    for (int i = subtreeRoots.size() - 2; i >= 0; i--) {
      acc = MerkleHashes.nodeHash(subtreeRoots.get(i), acc);
    }
    return acc.clone();
  }

  /** The current tree head: size and root. */
  public TreeHead treeHead() {
    return new TreeHead(size, root());
  }

  /** An independent copy, e.g. to compute a tree head while the original keeps growing. */
  public CompactRange copy() {
    CompactRange copy = new CompactRange();
    copy.subtreeRoots.addAll(subtreeRoots); // stored arrays are never handed out or modified
    copy.size = size;
    return copy;
  }
}
