package nl.hitmachine.service.audit;

/**
 * Told about every group commit of the {@link FileAuditLog} (for metrics, so the audit package does
 * not depend on a metrics library). Called on the audit-writer thread after the group is durable
 * and its callers are completed: it must be cheap and must never block.
 */
@FunctionalInterface
public interface AuditCommitListener {
  AuditCommitListener NONE = (entries, forceNanos) -> {};

  /**
   * @param entries the number of entries the group made durable with one write and one force
   * @param forceNanos how long the segment's {@code force} took
   */
  void committed(int entries, long forceNanos);
}
