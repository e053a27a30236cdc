package nl.hitmachine.service.hit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.failure.ProblemException;

/**
 * A privacy officer's filter over audit entries; every given criterion must hold (AND), a {@code
 * null} or empty criterion matches everything.
 *
 * @param from entries at or after this instant, or {@code null}
 * @param to entries before this instant, or {@code null}
 * @param clientId exact client id, or {@code null}
 * @param agency exact agency code, or {@code null}
 * @param requestedBy exact requestedBy, or {@code null}
 * @param purpose exact purpose code, or {@code null}
 * @param caseRef exact caseRef, or {@code null}
 * @param action the action, or {@code null}
 * @param outcome the outcome, or {@code null}
 * @param subjects audit forms of the aliases of one person: an entry matches when any of its
 *     subjects carries any of them; empty matches every entry
 */
public record AuditQuery(
    Instant from,
    Instant to,
    String clientId,
    String agency,
    String requestedBy,
    String purpose,
    String caseRef,
    AuditAction action,
    AuditOutcome outcome,
    Set<String> subjects) {

  /** At most this many {@code subject} values (aliases of one person) per request. */
  public static final int MAX_SUBJECTS = 20;

  /** At most this many characters in a text criterion. */
  public static final int MAX_TEXT = 256;

  /** The query parameters this filter reads. */
  public static final Set<String> PARAMETERS =
      Set.of("from", "to", "clientId", "agency", "requestedBy", "purpose", "caseRef", "action", "outcome", "subject");

  public AuditQuery {
    subjects = Set.copyOf(subjects);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException("from must be before to");
    }
  }

  /** Matches everything. */
  public static final AuditQuery ALL =
      new AuditQuery(null, null, null, null, null, null, null, null, null, Set.of());

  /**
   * Parses the filter from query parameters (name → values as given). Parameters outside {@link
   * #PARAMETERS} and {@code otherParameters} are refused, so a misspelt criterion never widens a
   * search silently. Subjects are validated as pseudonyms and mapped to their audit form.
   * Problem details name the parameter and the rule, never a given value.
   *
   * @throws ProblemException (400) if a parameter is unknown, repeated or invalid
   */
  public static AuditQuery parse(
      Map<String, List<String>> parameters,
      Set<String> otherParameters,
      PseudonymFormat format,
      PseudonymKeyer keyer) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name) && !otherParameters.contains(name)) {
        Set<String> allowed = new java.util.TreeSet<>(PARAMETERS);
        allowed.addAll(otherParameters);
        throw ProblemException.invalid("unknown query parameter; allowed are " + String.join(", ", allowed));
      }
    }
    Instant from = instant(parameters, "from");
    Instant to = instant(parameters, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ProblemException.invalid("query parameter from must be before to");
    }
    String action = single(parameters, "action");
    String outcome = single(parameters, "outcome");
    return new AuditQuery(
        from,
        to,
        single(parameters, "clientId"),
        single(parameters, "agency"),
        single(parameters, "requestedBy"),
        single(parameters, "purpose"),
        single(parameters, "caseRef"),
        action == null ? null : action(action),
        outcome == null ? null : outcome(outcome),
        subjects(parameters.getOrDefault("subject", List.of()), format, keyer));
  }

  /** True when {@code entry} meets every criterion. */
  public boolean matches(AuditEntry entry) {
    return (from == null || !entry.time().isBefore(from))
        && (to == null || entry.time().isBefore(to))
        && (clientId == null || clientId.equals(entry.clientId()))
        && (agency == null || agency.equals(entry.agency()))
        && (requestedBy == null || requestedBy.equals(entry.requestedBy()))
        && (purpose == null || purpose.equals(entry.purpose()))
        && (caseRef == null || caseRef.equals(entry.caseRef()))
        && (action == null || action == entry.action())
        && (outcome == null || outcome == entry.outcome())
        && (subjects.isEmpty() || !matchingSubjects(entry).isEmpty());
  }

  /** The entry's subjects that carry one of the searched audit forms (all of them when none is searched). */
  public List<AuditSubject> matchingSubjects(AuditEntry entry) {
    if (subjects.isEmpty()) {
      return entry.subjects();
    }
    List<AuditSubject> matching = new ArrayList<>(1);
    for (AuditSubject s : entry.subjects()) {
      for (String form : s.auditPseudonyms()) {
        if (subjects.contains(form)) {
          matching.add(s);
          break;
        }
      }
    }
    return matching;
  }

  /** The searched person as the officer's own audit entry records it, or none. */
  List<AuditSubject> auditedSubjects() {
    return subjects.isEmpty() ? List.of() : List.of(new AuditSubject(List.copyOf(subjects), true, List.of()));
  }

  private static Set<String> subjects(List<String> values, PseudonymFormat format, PseudonymKeyer keyer) {
    if (values.size() > MAX_SUBJECTS) {
      throw ProblemException.invalid("query parameter subject may be given at most " + MAX_SUBJECTS + " times");
    }
    Set<String> forms = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String problem = format.problem(values.get(i));
      if (problem != null) {
        throw ProblemException.invalid("query parameter subject (value " + (i + 1) + ") " + problem);
      }
      forms.add(keyer.auditForm(values.get(i)));
    }
    return forms;
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    String value = QueryParameters.once(name, parameters.get(name), false);
    if (value != null && value.length() > MAX_TEXT) {
      throw ProblemException.invalid("query parameter " + name + " must be at most " + MAX_TEXT + " characters");
    }
    return value;
  }

  private static Instant instant(Map<String, List<String>> parameters, String name) {
    String value = single(parameters, name);
    return value == null ? null : QueryParameters.instant(name, value);
  }

  private static AuditAction action(String wire) {
    for (AuditAction a : AuditAction.values()) {
      if (a.wireName().equals(wire)) {
        return a;
      }
    }
    throw ProblemException.invalid("query parameter action must be one of: "
        + Arrays.stream(AuditAction.values()).map(AuditAction::wireName).collect(Collectors.joining(", ")));
  }

  private static AuditOutcome outcome(String wire) {
    for (AuditOutcome o : AuditOutcome.values()) {
      if (o.wireName().equals(wire)) {
        return o;
      }
    }
    throw ProblemException.invalid("query parameter outcome must be one of: "
        + Arrays.stream(AuditOutcome.values()).map(AuditOutcome::wireName).collect(Collectors.joining(", ")));
  }
}
