package nl.hitmachine.service.hit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;

/**
 * The privacy officer's anomaly report of a period (see {@link AnomalyAnalyser} for the rules). Only
 * for the {@link Role#PRIVACY_OFFICER} role; the read is itself audited — answered ({@code ok}, with
 * the period, the tree size covered and the number of findings per category in the entry's counts),
 * refused, invalid or failed — before anything is released.
 *
 * <p>Blocking and linear in the size of the log: it is read linearly from entry 0, because entry times follow
 * the sequence only closely, not strictly, so no entry can be skipped by a search on time. At about a
 * microsecond or two per entry that is seconds for millions of entries; run it on a worker pool. The
 * returned future completes once the read's audit entry is durable.
 */
public final class AnomalyReportService {
  private static final int MAX_INSTANT_LENGTH = 40;

  private final AuditTrail audit;
  private final AuditLog log;
  private final AnomalyRules rules;

  public AnomalyReportService(AuditTrail audit, AuditLog log, AnomalyRules rules) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.log = Objects.requireNonNull(log, "log");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * The report of [{@code from}, {@code to}), ISO-8601 instants as given in the query (each exactly
   * once), {@code to} after {@code from}, at most the configured maximum period apart.
   */
  public CompletableFuture<AnomalyReport> report(Caller caller, List<String> from, List<String> to) {
    CompletableFuture<AnomalyReport> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_ANOMALY_REPORT, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    Instant start;
    Instant end;
    try {
      start = instant("from", from);
      end = instant("to", to);
      if (!end.isAfter(start)) {
        throw ProblemException.invalid("to must be after from");
      }
      if (Duration.between(start, end).compareTo(rules.maxPeriod()) > 0) {
        throw ProblemException.invalid("the period must be at most " + rules.maxPeriod().toDays() + " days");
      }
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_ANOMALY_REPORT, e, AuditTrail.Statement.NONE, Map.of());
    }
    Map<String, Long> period = Map.of("fromEpochSecond", start.getEpochSecond(), "toEpochSecond", end.getEpochSecond());
    AnomalyReport report;
    try {
      report = scan(start, end);
    } catch (RuntimeException e) {
      return audit.fail(caller, AuditAction.AUDIT_ANOMALY_REPORT, e, period);
    }
    return audit.record(caller, AuditAction.AUDIT_ANOMALY_REPORT, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            List.of(), counts(report))
        .thenApply(receipt -> report);
  }

  private AnomalyReport scan(Instant start, Instant end) {
    AnomalyAnalyser analyser = new AnomalyAnalyser(rules, start, end);
    long covered = 0;
    try (Stream<StoredAuditEntry> entries = log.read(0)) {
      var it = entries.iterator();
      while (it.hasNext()) {
        StoredAuditEntry e = it.next();
        analyser.accept(e);
        covered = e.sequence() + 1;
      }
    }
    return analyser.report(covered);
  }

  private static Map<String, Long> counts(AnomalyReport r) {
    return Map.of(
        "fromEpochSecond", r.from().getEpochSecond(),
        "toEpochSecond", r.to().getEpochSecond(),
        "treeSize", r.treeSize(),
        "volumeFindings", (long) r.volume().size(),
        "outsideOfficeHoursFindings", (long) r.outsideOfficeHours().size(),
        "repeatedWithoutCaseRefFindings", (long) r.repeatedWithoutCaseRef().size(),
        "refusalFindings", (long) r.refusals().size());
  }

  private static Instant instant(String name, List<String> values) {
    return QueryParameters.instant(name, QueryParameters.once(name, values, true));
  }
}
