package nl.hitmachine.service.audit;

/**
 * The stored log is damaged or was tampered with: framing, sequence numbers or the hash chain do
 * not check out. The message names the first bad sequence number and what is wrong, never entry
 * content.
 */
public class AuditLogCorruptedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long sequence;
  private final String problem;

  public AuditLogCorruptedException(long sequence, String problem) {
    super("audit log damaged at sequence " + sequence + ": " + problem);
    this.sequence = sequence;
    this.problem = problem;
  }

  /** The first sequence number that fails the check. */
  public long sequence() {
    return sequence;
  }

  /** What is wrong with it, e.g. "hash mismatch". */
  public String problem() {
    return problem;
  }
}
