package nl.hitmachine.service.hit;

import java.util.List;
import nl.hitmachine.service.audit.StoredAuditEntry;

/**
 * One page of an audit search.
 *
 * @param entries the matching entries, in sequence order
 * @param next the cursor for the next page (the last sequence number looked at), or {@code null}
 *     when the search reached the end of the log as it was when the page was read
 * @param scanned how many entries were read for this page
 */
public record AuditPage(List<StoredAuditEntry> entries, Long next, long scanned) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
