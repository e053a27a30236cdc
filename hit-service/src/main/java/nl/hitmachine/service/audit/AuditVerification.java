package nl.hitmachine.service.audit;

/**
 * Result of checking the stored log's hash chain.
 *
 * @param entries the sequence number after the last entry checked: the log's size when all pass
 *     (entries removed by retention included)
 * @param firstBadSequence sequence number of the first entry that fails the check, or -1 if all
 *     pass
 * @param problem what is wrong with that entry, or {@code null} if all pass
 * @param firstSequence the first stored entry: 0, or the first entry kept when retention removed
 *     older segments (entries before it were not checked; their chain ends in the first kept
 *     segment's header, and only a signed checkpoint of that size anchors them)
 */
public record AuditVerification(
    long entries, long firstBadSequence, String problem, long firstSequence) {

  /** A result for a log that starts at entry 0. */
  public AuditVerification(long entries, long firstBadSequence, String problem) {
    this(entries, firstBadSequence, problem, 0);
  }

  public boolean ok() {
    return firstBadSequence < 0;
  }
}
