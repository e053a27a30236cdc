package nl.hitmachine.service.hit;

import java.time.DateTimeException;
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
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

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
    ProblemException refusal = checkCaller(caller);
    if (refusal != null) {
      return audit.refuse(caller, AuditAction.AUDIT_ANOMALY_REPORT, refusal, AuditTrail.Statement.NONE, Map.of());
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
      return audit.record(caller, AuditAction.AUDIT_ANOMALY_REPORT, AuditOutcome.FAILED, ProblemType.INTERNAL,
              AuditTrail.Statement.NONE, List.of(), period)
          .thenCompose(receipt -> CompletableFuture.failedFuture(e));
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

  private static ProblemException checkCaller(Caller caller) {
    Principal principal = caller.principal();
    if (principal == null) {
      return new ProblemException(ProblemType.UNAUTHENTICATED, "valid credentials are required (a mapped client certificate or, where enabled, a bearer token)");
    }
    if (!principal.has(Role.PRIVACY_OFFICER)) {
      return ProblemException.forbidden("this client does not have the privacy-officer role");
    }
    return null;
  }

  private static Instant instant(String name, List<String> values) {
    if (values == null || values.isEmpty()) {
      throw ProblemException.invalid("query parameter " + name + " is required");
    }
    if (values.size() > 1) {
      throw ProblemException.invalid("query parameter " + name + " must be given once");
    }
    String value = values.get(0);
    try {
      if (value.length() <= MAX_INSTANT_LENGTH) {
        return Instant.parse(value);
      }
    } catch (DateTimeException e) {
      // falls through to the problem below
    }
    throw ProblemException.invalid("query parameter " + name
        + " must be an ISO-8601 instant such as 2026-11-02T00:00:00Z (an offset's '+' encoded as %2B)");
  }
}
