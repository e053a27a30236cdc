package nl.hitmachine.service.audit;

/**
 * Result of checking the stored log's hash chain.
 *
 * @param entries number of entries read
 * @param firstBadSequence sequence number of the first entry that fails the check, or -1 if all
 *     pass
 * @param problem what is wrong with that entry, or {@code null} if all pass
 */
public record AuditVerification(long entries, long firstBadSequence, String problem) {
  public boolean ok() {
    return firstBadSequence < 0;
  }
}
