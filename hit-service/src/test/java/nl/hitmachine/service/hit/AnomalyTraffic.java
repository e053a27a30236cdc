package nl.hitmachine.service.hit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;

/** Audit entries for the anomaly tests. */
final class AnomalyTraffic {
  private AnomalyTraffic() {}

  /** An answered lookup of {@code subjects} (audit forms, one per subject). */
  static AuditEntry lookup(Instant time, String client, String caseRef, String... subjects) {
    List<AuditSubject> s = new ArrayList<>();
    for (String subject : subjects) {
      s.add(new AuditSubject(List.of(subject), true, List.of()));
    }
    return lookup(time, client, caseRef, s);
  }

  static AuditEntry lookup(Instant time, String client, String caseRef, List<AuditSubject> subjects) {
    return new AuditEntry(time, "req-" + time.toEpochMilli(), client, agencyOf(client), List.of("querier"),
        AuditAction.LOOKUP, AuditOutcome.OK, null, "screening", caseRef, "someone", subjects, Map.of());
  }

  /** {@code n} distinct subjects named {@code prefix-0} … */
  static String[] subjects(String prefix, int n) {
    String[] s = new String[n];
    for (int i = 0; i < n; i++) {
      s[i] = "a1." + prefix + "-" + i;
    }
    return s;
  }

  /** A refused or invalid call; {@code client} null for a failed authentication. */
  static AuditEntry refusal(Instant time, String client, AuditAction action, AuditOutcome outcome, String problemType) {
    return new AuditEntry(time, "req-r-" + time.toEpochMilli(), client, client == null ? null : agencyOf(client),
        client == null ? List.of() : List.of("querier"), action, outcome, problemType, null, null, null, List.of(),
        Map.of());
  }

  /** The agency is the client id's first part: "politie-querier" → "politie". */
  static String agencyOf(String client) {
    int dash = client.indexOf('-');
    return dash < 0 ? client : client.substring(0, dash);
  }
}
