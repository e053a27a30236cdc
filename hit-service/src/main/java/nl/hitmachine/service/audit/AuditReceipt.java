package nl.hitmachine.service.audit;

import java.util.Objects;

/**
 * Proof of a durable append: the entry's sequence number (0-based, dense) and its chain hash
 * (lower-case hex SHA-256 linking it to every entry before it).
 */
public record AuditReceipt(long sequence, String entryHash) {
  public AuditReceipt {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(entryHash, "entryHash");
  }
}
