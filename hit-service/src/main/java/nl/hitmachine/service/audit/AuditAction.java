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
  AUDIT_PROOF("audit-proof");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
