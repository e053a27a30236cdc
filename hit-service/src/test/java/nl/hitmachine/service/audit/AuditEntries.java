package nl.hitmachine.service.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Deterministic audit entries for tests. */
public final class AuditEntries {
  private static final Instant BASE = Instant.parse("2025-03-01T08:00:00.000Z");

  private AuditEntries() {}

  /** A permitted lookup of two subjects; {@code i} makes each entry differ. */
  public static AuditEntry lookup(int i) {
    return new AuditEntry(
        BASE.plusMillis(i * 1001L),
        "req-%06d".formatted(i),
        "client-vh",
        "VHGLD",
        List.of("querier"),
        AuditAction.LOOKUP,
        AuditOutcome.OK,
        null,
        "wso",
        "case-" + i,
        "coordinator-7",
        List.of(
            new AuditSubject(List.of("a1.subject-" + i + "-x"), true, List.of("LPL", "SHV")),
            new AuditSubject(
                List.of("a1.subject-" + i + "-y", "a2.subject-" + i + "-y"), false, List.of())),
        Map.of());
  }

  /** A registration call with counts. */
  public static AuditEntry registration(int i) {
    return new AuditEntry(
        BASE.plusMillis(i),
        "req-reg-" + i,
        "connector-lpl",
        "LPL",
        List.of("connector"),
        AuditAction.REGISTER,
        AuditOutcome.OK,
        null,
        null,
        null,
        null,
        List.of(),
        Map.of("upserted", (long) i));
  }

  /** A copy of {@code e} with another case reference. */
  public static AuditEntry withCaseRef(AuditEntry e, String caseRef) {
    return new AuditEntry(e.time(), e.requestId(), e.clientId(), e.agency(), e.roles(), e.action(), e.outcome(),
        e.problemType(), e.purpose(), caseRef, e.requestedBy(), e.subjects(), e.counts());
  }
}
