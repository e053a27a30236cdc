package nl.hitmachine.service.hit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.index.HitIndex;
import nl.hitmachine.service.index.IndexUnavailableException;
import nl.hitmachine.service.index.Registration;
import nl.hitmachine.service.index.SubjectKey;

/**
 * Answers "is this person known, and to which agencies" — and audits the answer durably before
 * releasing it. Every call is audited: answered, refused or invalid.
 *
 * <p>Blocking (keying and the index read): run {@link #lookup} on a worker pool. The returned
 * future completes once the audit entry is durable.
 */
public final class LookupService {
  private static final int MAX_TEXT = 200;

  private final HitIndex index;
  private final AuditTrail audit;
  private final PseudonymKeyer keyer;
  private final PseudonymFormat format;
  private final AgencyRegister agencies;
  private final Clock clock;
  private final int maxSubjects;
  private final int maxAliases;
  private final int signalThreshold;
  private final LookupLimiter limiter;

  public LookupService(
      HitIndex index,
      AuditTrail audit,
      PseudonymKeyer keyer,
      PseudonymFormat format,
      AgencyRegister agencies,
      Clock clock,
      int maxSubjects,
      int maxAliases,
      int signalThreshold,
      LookupLimiter limiter) {
    this.index = index;
    this.audit = audit;
    this.keyer = keyer;
    this.format = format;
    this.agencies = agencies;
    this.clock = clock;
    this.maxSubjects = maxSubjects;
    this.maxAliases = maxAliases;
    this.signalThreshold = signalThreshold;
    this.limiter = limiter;
  }

  /** Audits a lookup that could not even be read (malformed JSON, oversize body, no credentials). */
  public <T> CompletableFuture<T> reject(Caller caller, ProblemException problem) {
    return audit.refuse(caller, AuditAction.LOOKUP, problem, AuditTrail.Statement.NONE, Map.of());
  }

  public CompletableFuture<LookupAnswer> lookup(Caller caller, LookupRequest request) {
    long started = System.nanoTime();
    Principal principal = caller.principal();
    AuditTrail.Statement statement = statementOf(request);
    ProblemException notQuerier = RoleCheck.refusal(caller, Role.QUERIER);
    if (notQuerier != null) {
      return audit.refuse(caller, AuditAction.LOOKUP, notQuerier, statement, Map.of());
    }
    if (!agencies.get(principal.agency()).mayQuery()) {
      return audit.refuse(caller, AuditAction.LOOKUP,
          ProblemException.forbidden("this client's agency does not take part in querying (mayQuery is off)"),
          statement, Map.of());
    }
    ProblemException statementProblem = checkStatement(request, principal);
    if (statementProblem != null) {
      return audit.refuse(caller, AuditAction.LOOKUP, statementProblem, statement, Map.of());
    }
    int total = request.subjects().size();
    for (HouseholdQuery h : request.households()) {
      total += h.members().size();
    }
    if (total == 0) {
      return audit.refuse(caller, AuditAction.LOOKUP,
          ProblemException.invalid("a lookup needs at least one subject or household member"), statement, Map.of());
    }
    if (total > maxSubjects) {
      return audit.refuse(caller, AuditAction.LOOKUP,
          ProblemException.tooLarge("a lookup may ask about at most " + maxSubjects + " subjects, household members included"),
          statement, Map.of("subjects", (long) total));
    }
    List<ItemError> errors = validateSubjects(request);
    if (!errors.isEmpty()) {
      return audit.refuse(caller, AuditAction.LOOKUP,
          ProblemException.invalid(errors.size() + " subject(s) are not valid; nothing was looked up", errors),
          statement, Map.of("subjects", (long) total));
    }
    ProblemException overLimit = limiter.charge(principal.clientId(), total);
    if (overLimit != null) {
      return audit.refuse(caller, AuditAction.LOOKUP, overLimit, statement, Map.of("subjects", (long) total));
    }
    return answer(caller, principal, request, statement)
        .thenApply(answer -> {
          audit.observer().lookupAnswered(System.nanoTime() - started);
          return answer;
        });
  }

  private CompletableFuture<LookupAnswer> answer(
      Caller caller, Principal principal, LookupRequest request, AuditTrail.Statement statement) {
    List<SubjectQuery> all = new ArrayList<>(request.subjects());
    request.households().forEach(h -> all.addAll(h.members()));
    List<SubjectKey> keys = new ArrayList<>();
    for (SubjectQuery q : all) {
      for (Object alias : q.aliases()) {
        keys.add(SubjectKey.wrap(keyer.indexForm((String) alias)));
      }
    }
    LocalDate today = LocalDate.now(clock);
    List<List<Registration>> found;
    try {
      found = index.lookup(keys, today);
    } catch (IndexUnavailableException e) {
      return CompletableFuture.failedFuture(
          ProblemException.unavailable("the index cannot be read; nothing was answered", e));
    }
    Agency own = agencies.get(principal.agency());
    List<SubjectResult> results = new ArrayList<>(all.size());
    List<AuditSubject> audited = new ArrayList<>(all.size());
    int k = 0;
    for (SubjectQuery q : all) {
      Map<String, Registration> merged = Map.of(); // most subjects of a screening are not registered
      List<String> auditForms = new ArrayList<>(q.aliases().size());
      for (Object alias : q.aliases()) {
        for (Registration r : found.get(k++)) {
          if (merged.isEmpty()) {
            merged = new LinkedHashMap<>();
          }
          merged.putIfAbsent(r.agency(), r);
        }
        auditForms.add(keyer.auditForm((String) alias));
      }
      SubjectResult result = resultFor(q, merged, own);
      results.add(result);
      List<String> disclosed = result.agencies().isEmpty() // most subjects: no stream for nothing
          ? List.of()
          : result.agencies().stream().map(DisclosedAgency::code).toList();
      audited.add(new AuditSubject(auditForms, result.permitted(), disclosed));
    }
    List<SubjectResult> singles = results.subList(0, request.subjects().size());
    List<HouseholdResult> households = new ArrayList<>(request.households().size());
    int offset = request.subjects().size();
    for (HouseholdQuery h : request.households()) {
      List<SubjectResult> members = results.subList(offset, offset + h.members().size());
      offset += h.members().size();
      households.add(householdOf(h, members));
    }
    return audit
        .record(caller, AuditAction.LOOKUP, AuditOutcome.OK, null, statement, audited,
            Map.of("subjects", (long) all.size()))
        .thenApply(receipt -> new LookupAnswer(LookupAnswer.lookupIdOf(receipt), receipt, singles, households));
  }

  private SubjectResult resultFor(SubjectQuery q, Map<String, Registration> merged, Agency own) {
    boolean permitted = !own.requireRelation() || merged.containsKey(own.code());
    if (!permitted) {
      return new SubjectResult(q, false, false, List.of());
    }
    if (merged.isEmpty()) {
      return new SubjectResult(q, false, true, List.of());
    }
    Set<DisclosedAgency> shown = new LinkedHashSet<>();
    merged.values().stream()
        .filter(r -> !r.agency().equals(own.code()))
        .map(r -> agencies.find(r.agency()).orElse(null))
        .filter(a -> a != null && own.visibleDomains().contains(a.domain()))
        .sorted(Comparator.comparingInt(a -> agencies.position(a.code())))
        .forEach(a -> shown.add(a.protectedSource() && !own.protectedClearance()
            ? DisclosedAgency.PROTECTED
            : new DisclosedAgency(a.code(), a.name(), a.domain(), null)));
    return new SubjectResult(q, !shown.isEmpty(), true, List.copyOf(shown));
  }

  private HouseholdResult householdOf(HouseholdQuery h, List<SubjectResult> members) {
    Set<DisclosedAgency> union = new LinkedHashSet<>();
    members.forEach(m -> union.addAll(m.agencies()));
    List<DisclosedAgency> sorted = union.stream()
        .sorted(Comparator.comparingInt(a -> agencies.position(a.code())))
        .toList();
    List<String> domains = sorted.stream().map(DisclosedAgency::domain).filter(d -> d != null).distinct().toList();
    return new HouseholdResult(h.ref(), members, sorted, domains, domains.size() >= signalThreshold);
  }

  private static AuditTrail.Statement statementOf(LookupRequest r) {
    return new AuditTrail.Statement(textOrNull(r.purpose()), textOrNull(r.caseRef()), textOrNull(r.requestedBy()));
  }

  private static String textOrNull(Object value) {
    if (value instanceof String s && !s.isBlank()) {
      return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }
    return null;
  }

  private static ProblemException checkStatement(LookupRequest r, Principal principal) {
    List<ItemError> errors = new ArrayList<>();
    checkText(r.purpose(), "/purpose", true, errors);
    checkText(r.requestedBy(), "/requestedBy", true, errors);
    checkText(r.caseRef(), "/caseRef", false, errors);
    if (!errors.isEmpty()) {
      return ProblemException.invalid("a lookup must state purpose and requestedBy", errors);
    }
    if (!principal.purposes().contains((String) r.purpose())) {
      return new ProblemException(ProblemType.PURPOSE_NOT_ALLOWED, "this client may not state that purpose");
    }
    return null;
  }

  private static void checkText(Object value, String pointer, boolean required, List<ItemError> errors) {
    if (value == null) {
      if (required) {
        errors.add(ItemError.atPointer(pointer, "is required"));
      }
    } else if (!(value instanceof String s)) {
      errors.add(ItemError.atPointer(pointer, "must be a string"));
    } else if (s.isBlank()) {
      errors.add(ItemError.atPointer(pointer, "must not be blank"));
    } else if (s.length() > MAX_TEXT) {
      errors.add(ItemError.atPointer(pointer, "must be at most " + MAX_TEXT + " characters"));
    } else if (s.chars().anyMatch(Character::isISOControl)) {
      errors.add(ItemError.atPointer(pointer, "must not contain control characters"));
    }
  }

  private List<ItemError> validateSubjects(LookupRequest request) {
    List<ItemError> errors = new ArrayList<>();
    for (int i = 0; i < request.subjects().size(); i++) {
      int at = i;
      validateSubject(request.subjects().get(i), i, () -> "/subjects/" + at, errors);
    }
    for (int h = 0; h < request.households().size(); h++) {
      HouseholdQuery household = request.households().get(h);
      if (household.ref() != null && !(household.ref() instanceof String s && s.length() <= MAX_TEXT)) {
        errors.add(ItemError.atPointer("/households/" + h + "/ref", "must be a string of at most " + MAX_TEXT + " characters"));
      }
      if (household.members().isEmpty()) {
        errors.add(ItemError.atPointer("/households/" + h + "/members", "must list at least one member"));
      }
      for (int m = 0; m < household.members().size(); m++) {
        int hh = h;
        int mm = m;
        validateSubject(household.members().get(m), -1, () -> "/households/" + hh + "/members/" + mm, errors);
      }
    }
    return errors;
  }

  /** {@code pointer} is only built when there is an error: this runs for every subject of a lookup. */
  private void validateSubject(SubjectQuery q, int index, Supplier<String> pointer, List<ItemError> errors) {
    if (q.aliases().isEmpty()) {
      add(errors, index, pointer.get(), "must give at least one pseudonym");
      return;
    }
    if (q.aliases().size() > maxAliases) {
      add(errors, index, pointer.get(), "may give at most " + maxAliases + " pseudonyms of the same person");
      return;
    }
    for (int a = 0; a < q.aliases().size(); a++) {
      String problem = format.problem(q.aliases().get(a));
      if (problem != null) {
        add(errors, index, q.givenAsList() ? pointer.get() + "/" + a : pointer.get(), "subject " + problem);
      }
    }
  }

  private static void add(List<ItemError> errors, int index, String pointer, String detail) {
    errors.add(index >= 0 ? ItemError.atIndex(index, pointer, detail) : ItemError.atPointer(pointer, detail));
  }
}
