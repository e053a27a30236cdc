package nl.hitmachine.service.audit.merkle;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A tree size and the RFC 6962 root hash of the first {@code size} leaves. Immutable: the root is
 * copied in and out. Equality compares the root bytes.
 */
public record TreeHead(long size, byte[] root) {
  public TreeHead {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative");
    }
    root = MerkleHashes.requireHash(root, "root").clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** The root in lower-case hex. */
  public String rootHex() {
    return HexFormat.of().formatHex(root);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TreeHead head && head.size == size && Arrays.equals(head.root, root);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "TreeHead[size=" + size + ", root=" + rootHex() + "]";
  }
}
