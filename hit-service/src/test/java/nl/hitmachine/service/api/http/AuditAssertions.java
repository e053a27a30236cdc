package nl.hitmachine.service.api.http;

import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;

/** Reads what the real audit log of a test service holds. */
final class AuditAssertions {
  private AuditAssertions() {}

  static List<AuditEntry> entries(TestService s) {
    FileAuditLog log = (FileAuditLog) s.service.auditLog();
    try (Stream<StoredAuditEntry> stored = log.read(0)) {
      return stored.map(StoredAuditEntry::entry).toList();
    }
  }

  static AuditEntry last(TestService s) {
    List<AuditEntry> all = entries(s);
    return all.get(all.size() - 1);
  }
}
