package nl.hitmachine.service.audit;

import java.util.Objects;

/**
 * An entry as read back from the log.
 *
 * @param sequence the entry's sequence number (0-based, dense)
 * @param entry the decoded entry (its time at millisecond precision)
 * @param entryHash the stored chain hash, lower-case hex, as in the entry's {@link AuditReceipt}
 */
public record StoredAuditEntry(long sequence, AuditEntry entry, String entryHash) {
  public StoredAuditEntry {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(entryHash, "entryHash");
  }

  /** The receipt that was returned when this entry was appended. */
  public AuditReceipt receipt() {
    return new AuditReceipt(sequence, entryHash);
  }
}
