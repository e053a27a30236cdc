package nl.hitmachine.service.audit;

import java.util.Objects;

/**
 * Proof of a durable append: the entry's sequence number (0-based, dense), its chain hash
 * (lower-case hex SHA-256 linking it to every entry before it) and the Merkle tree size that covers
 * it — the log's size right after the entry's group became durable, so {@code sequence < treeSize}.
 * An inclusion proof for leaf {@code sequence} in the tree of size {@code treeSize} (or any later
 * checkpoint's size) ties the entry to a signed checkpoint.
 */
public record AuditReceipt(long sequence, String entryHash, long treeSize) {
  public AuditReceipt {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(entryHash, "entryHash");
    if (treeSize <= sequence) {
      throw new IllegalArgumentException("treeSize must be greater than sequence");
    }
  }
}
