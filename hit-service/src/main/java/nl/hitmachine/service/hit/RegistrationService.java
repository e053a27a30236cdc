package nl.hitmachine.service.hit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.index.HitIndex;
import nl.hitmachine.service.index.RegistrationWrite;
import nl.hitmachine.service.index.ReplaceResult;
import nl.hitmachine.service.index.SubjectKey;
import nl.hitmachine.service.crypto.PseudonymKeyer;

/**
 * A connector's registrations: upsert, remove, full-caseload replace — always for the caller's
 * own agency (from its credentials). Every call is audited (counts, never subject lists) before
 * the index is changed; each change is atomic and durable before the future completes. If the
 * index write fails, a second entry records the failure and the caller gets 503.
 *
 * <p>Blocking (keying): run on a worker pool.
 */
public final class RegistrationService {
  private final HitIndex index;
  private final AuditTrail audit;
  private final RegistrationRules rules;
  private final AgencyRegister agencies;
  private final Clock clock;
  private final int maxRegistrations;
  private final int maxRemovals;
  private final int maxReplaceLines;

  public RegistrationService(
      HitIndex index,
      AuditTrail audit,
      PseudonymKeyer keyer,
      PseudonymFormat format,
      AgencyRegister agencies,
      Clock clock,
      int maxRegistrations,
      int maxRemovals,
      int maxReplaceLines) {
    this.index = index;
    this.audit = audit;
    this.rules = new RegistrationRules(format, keyer);
    this.agencies = agencies;
    this.clock = clock;
    this.maxRegistrations = maxRegistrations;
    this.maxRemovals = maxRemovals;
    this.maxReplaceLines = maxReplaceLines;
  }

  /** Audits a registration call that could not be read (bad JSON, oversize, wrong media type). */
  public <T> CompletableFuture<T> reject(Caller caller, AuditAction action, ProblemException problem) {
    return audit.refuse(caller, action, problem, AuditTrail.Statement.NONE, Map.of());
  }

  /**
   * Checks that the caller may register at all. Returns null when it may, else a future failed
   * with the (audited) refusal. The edge calls this before reading a large body.
   */
  public <T> CompletableFuture<T> refusal(Caller caller, AuditAction action) {
    ProblemException notConnector = RoleCheck.refusal(caller, Role.CONNECTOR);
    return notConnector == null ? null : reject(caller, action, notConnector);
  }

  public CompletableFuture<Integer> register(Caller caller, List<RegistrationItem> items) {
    CompletableFuture<Integer> refused = refusal(caller, AuditAction.REGISTER);
    if (refused != null) {
      return refused;
    }
    Map<String, Long> counts = Map.of("items", (long) items.size());
    if (items.isEmpty()) {
      return audit.refuse(caller, AuditAction.REGISTER, ProblemException.invalid("registrations must not be empty"),
          AuditTrail.Statement.NONE, counts);
    }
    if (items.size() > maxRegistrations) {
      return audit.refuse(caller, AuditAction.REGISTER,
          ProblemException.tooLarge("at most " + maxRegistrations + " registrations per request; nothing was changed"),
          AuditTrail.Statement.NONE, counts);
    }
    Agency agency = agencies.get(caller.principal().agency());
    LocalDate today = LocalDate.now(clock);
    List<RegistrationWrite> writes = new ArrayList<>(items.size());
    List<ItemError> errors = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        writes.add(rules.toWrite(items.get(i), agency, today));
      } catch (RegistrationRules.InvalidItem e) {
        errors.add(ItemError.atIndex(i, "/registrations/" + i, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return audit.refuse(caller, AuditAction.REGISTER,
          ProblemException.invalid(errors.size() + " registration(s) are not valid; nothing was changed", errors),
          AuditTrail.Statement.NONE, Map.of("items", (long) items.size(), "invalid", (long) errors.size()));
    }
    return auditedWrite(caller, AuditAction.REGISTER, counts, () -> index.upsert(agency.code(), writes));
  }

  public CompletableFuture<Integer> remove(Caller caller, List<Object> subjects) {
    CompletableFuture<Integer> refused = refusal(caller, AuditAction.REMOVE);
    if (refused != null) {
      return refused;
    }
    Map<String, Long> counts = Map.of("items", (long) subjects.size());
    if (subjects.size() > maxRemovals) {
      return audit.refuse(caller, AuditAction.REMOVE,
          ProblemException.tooLarge("at most " + maxRemovals + " subjects per request; nothing was changed"),
          AuditTrail.Statement.NONE, counts);
    }
    List<SubjectKey> keys = new ArrayList<>(subjects.size());
    List<ItemError> errors = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      try {
        keys.add(rules.subjectKey(subjects.get(i)));
      } catch (RegistrationRules.InvalidItem e) {
        errors.add(ItemError.atIndex(i, "/subjects/" + i, e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      return audit.refuse(caller, AuditAction.REMOVE,
          ProblemException.invalid(errors.size() + " subject(s) are not valid; nothing was changed", errors),
          AuditTrail.Statement.NONE, counts);
    }
    String agency = caller.principal().agency();
    return auditedWrite(caller, AuditAction.REMOVE, counts, () -> index.remove(agency, keys));
  }

  /**
   * Starts a full-caseload replace, or fails with the audited refusal when the caller may not.
   * Feed the lines to the intake, then call {@link #replace}.
   */
  public CaseloadIntake beginReplace(Caller caller) {
    CompletableFuture<Object> refused = refusal(caller, AuditAction.REPLACE);
    if (refused != null) {
      throw new RefusedException(refused);
    }
    Agency agency = agencies.get(caller.principal().agency());
    return new CaseloadIntake(caller, agency, rules, LocalDate.now(clock), maxReplaceLines);
  }

  /** Applies a completely read caseload atomically, or audits why it is refused. */
  public CompletableFuture<ReplaceResult> replace(CaseloadIntake intake) {
    Caller caller = intake.caller();
    if (intake.failed()) {
      return audit.refuse(caller, AuditAction.REPLACE, intake.problem(), AuditTrail.Statement.NONE,
          Map.of("lines", intake.lines()));
    }
    var caseload = intake.build();
    return auditedWrite(caller, AuditAction.REPLACE, Map.of("lines", intake.lines(), "subjects", (long) caseload.size()),
        () -> index.replace(intake.agency().code(), caseload));
  }

  /** Audits a replace that ended before its body was read completely (too large, broken stream). */
  public <T> CompletableFuture<T> abortReplace(CaseloadIntake intake, ProblemException problem) {
    return audit.refuse(intake.caller(), AuditAction.REPLACE, problem, AuditTrail.Statement.NONE,
        Map.of("lines", intake.lines()));
  }

  private <T> CompletableFuture<T> auditedWrite(
      Caller caller, AuditAction action, Map<String, Long> counts, Supplier<CompletableFuture<T>> write) {
    return audit
        .record(caller, action, AuditOutcome.OK, null, AuditTrail.Statement.NONE, List.of(), counts)
        .thenCompose(receipt -> {
          CompletableFuture<T> written;
          try {
            written = write.get();
          } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
          }
          return written.exceptionallyCompose(e -> {
            ProblemException problem =
                ProblemException.unavailable("the change could not be made durable; nothing was changed", AuditTrail.unwrap(e));
            return audit
                .record(caller, action, AuditOutcome.FAILED, ProblemType.UNAVAILABLE, AuditTrail.Statement.NONE, List.of(), counts)
                .handle((r, ignored) -> null)
                .thenCompose(ignored -> CompletableFuture.failedFuture(problem));
          });
        });
  }

  /** Carries an audited refusal out of {@link #beginReplace}. */
  public static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CompletableFuture<?> audited;

    RefusedException(CompletableFuture<?> audited) {
      super("refused", null, false, false);
      this.audited = audited;
    }

    /** Fails with the refusal's problem once the refusal is audited. */
    public CompletableFuture<?> audited() {
      return audited;
    }
  }
}
