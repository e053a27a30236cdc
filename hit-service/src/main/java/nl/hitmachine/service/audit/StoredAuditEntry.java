package nl.hitmachine.service.audit;

import java.util.Objects;

/**
 * An entry as read back from the log.
 *
 * @param sequence the entry's sequence number (0-based, dense)
 * @param entry the decoded entry (its time at millisecond precision)
 * @param entryHash the stored chain hash, lower-case hex, as in the entry's {@link AuditReceipt}
 *     (whose tree size depends on the group the entry was committed in, so it is not stored)
 */
public record StoredAuditEntry(long sequence, AuditEntry entry, String entryHash) {
  public StoredAuditEntry {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative");
    }
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(entryHash, "entryHash");
  }
}
