package nl.hitmachine.service.audit;

/** What the audited call tried to do. The wire names are stable: they appear in exports. */
public enum AuditAction {
  LOOKUP("lookup"),
  REGISTER("register"),
  REMOVE("remove"),
  REPLACE("replace");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
