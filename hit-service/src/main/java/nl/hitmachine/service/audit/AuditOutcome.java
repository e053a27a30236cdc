package nl.hitmachine.service.audit;

/** How the audited call ended, as far as it is known when the entry is written. */
public enum AuditOutcome {
  /** The answer was given (lookups) or the change is about to be applied (registrations). */
  OK("ok"),
  /** Refused: the caller lacked a role, purpose or permission. */
  REFUSED("refused"),
  /** Rejected: the request was malformed or over a limit. */
  INVALID("invalid"),
  /** Failed after its entry was written (e.g. the index could not be written). */
  FAILED("failed");

  private final String wireName;

  AuditOutcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
