package nl.hitmachine.service.hit;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditCertificate;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditReceipt;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/**
 * Writes the use cases' audit entries. Every future it returns completes only once the entry is
 * durable; when the log cannot make it durable, the future fails with a 503 problem, so no
 * answer and no refusal leaves the service unaudited.
 */
public final class AuditTrail {
  private final AuditLog log;
  private final Clock clock;
  private final CallObserver observer;

  public AuditTrail(AuditLog log, Clock clock) {
    this(log, clock, CallObserver.NONE);
  }

  /** With an observer told about every audited call (metrics). */
  public AuditTrail(AuditLog log, Clock clock, CallObserver observer) {
    this.log = log;
    this.clock = clock;
    this.observer = observer;
  }

  CallObserver observer() {
    return observer;
  }

  /** Lookup facts stated by the caller, recorded with refusals as far as they are known. */
  public record Statement(String purpose, String caseRef, String requestedBy) {
    public static final Statement NONE = new Statement(null, null, null);
  }

  public CompletableFuture<AuditReceipt> record(
      Caller caller,
      AuditAction action,
      AuditOutcome outcome,
      ProblemType problem,
      Statement statement,
      List<AuditSubject> subjects,
      Map<String, Long> counts) {
    AuditEntry entry =
        new AuditEntry(
            clock.instant(),
            caller.requestId(),
            caller.principal() == null ? null : caller.principal().clientId(),
            caller.principal() == null ? null : caller.principal().agency(),
            caller.principal() == null ? List.of() : caller.principal().roleNames(),
            caller.certificate() == null ? null : new AuditCertificate(caller.certificate().subject(),
                caller.certificate().organizationIdentifier(), caller.certificate().sha256()),
            action,
            outcome,
            problem == null ? null : problem.slug(),
            statement.purpose(),
            statement.caseRef(),
            statement.requestedBy(),
            subjects,
            counts);
    CompletableFuture<AuditReceipt> appended;
    try {
      appended = log.append(entry);
    } catch (RuntimeException e) {
      appended = CompletableFuture.failedFuture(e);
    }
    String agency = caller.principal() == null ? null : caller.principal().agency();
    long subjectCount = counts.getOrDefault("subjects", 0L);
    // Observed in the chain, so the call is counted before its caller is answered.
    return appended.whenComplete((receipt, e) -> observe(action, agency,
        e == null ? outcome.wireName() : CallObserver.UNAVAILABLE, problem, subjectCount)).exceptionallyCompose(
        e -> CompletableFuture.failedFuture(
            ProblemException.unavailable("the audit log cannot record this call; nothing was answered or changed", unwrap(e))));
  }

  private void observe(AuditAction action, String agency, String outcome, ProblemType problem, long subjects) {
    try {
      observer.audited(action, agency, outcome, problem, subjects);
    } catch (RuntimeException e) {
      // metrics never change an answer
    }
  }

  /**
   * Audits a refused or invalid call, then fails with {@code problem} (or with 503 if even the
   * refusal cannot be audited).
   */
  public <T> CompletableFuture<T> refuse(
      Caller caller, AuditAction action, ProblemException problem, Statement statement, Map<String, Long> counts) {
    AuditOutcome outcome =
        problem.type().status() == 400 || problem.type().status() == 408 || problem.type().status() == 413
            || problem.type().status() == 415
            ? AuditOutcome.INVALID
            : AuditOutcome.REFUSED;
    return record(caller, action, outcome, problem.type(), statement, List.of(), counts)
        .thenCompose(receipt -> CompletableFuture.failedFuture(problem));
  }

  /**
   * Audits a call that failed on the service's side after it was accepted (e.g. a file could not be
   * read) as {@code failed} / {@code internal}, then fails with {@code cause} — so even a failed
   * read of the audit log leaves its trace. If the entry cannot be written either, fails with 503.
   */
  public <T> CompletableFuture<T> fail(Caller caller, AuditAction action, Throwable cause, Map<String, Long> counts) {
    return record(caller, action, AuditOutcome.FAILED, ProblemType.INTERNAL, Statement.NONE, List.of(), counts)
        .thenCompose(receipt -> CompletableFuture.failedFuture(cause));
  }

  static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }
}
