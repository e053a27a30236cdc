package nl.hitmachine.service.audit;

/** What the audited call tried to do. The wire names are stable: they appear in exports. */
public enum AuditAction {
  LOOKUP("lookup"),
  REGISTER("register"),
  REMOVE("remove"),
  REPLACE("replace"),
  /** A privacy officer read the latest signed checkpoint. */
  AUDIT_CHECKPOINT("audit-checkpoint"),
  /** A privacy officer asked for an inclusion or consistency proof. */
  AUDIT_PROOF("audit-proof"),
  /** A privacy officer searched the audit entries. */
  AUDIT_SEARCH("audit-search"),
  /** A privacy officer exported audit entries (NDJSON or CSV). */
  AUDIT_EXPORT("audit-export"),
  /** A privacy officer asked for a subject access report (who looked up this person). */
  AUDIT_SUBJECT_REPORT("audit-subject-report"),
  /** A privacy officer asked for the anomaly report of a period. */
  AUDIT_ANOMALY_REPORT("audit-anomaly-report"),
  /** An administrator had the service take an online backup of the index and the audit log. */
  ADMIN_BACKUP("admin-backup"),
  /** The service removed a period's entries past the audit retention (written by the service itself). */
  AUDIT_RETENTION("audit-retention");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
