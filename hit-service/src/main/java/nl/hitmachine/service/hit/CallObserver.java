package nl.hitmachine.service.hit;

import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.failure.ProblemType;

/**
 * Told about every audited use-case call, so that metrics can count them without the use cases
 * depending on a metrics library. Only bounded values are passed: the action, the caller's agency
 * code (from the configuration), the outcome and the problem type — never a subject, user, case
 * reference or request id. Implementations must be cheap and must not block: they run on the
 * audit writer's completion path.
 */
public interface CallObserver {
  /** Observes nothing. */
  CallObserver NONE = new CallObserver() {};

  /** The outcome reported when a call's audit entry could not be made durable (the caller got 503). */
  String UNAVAILABLE = "unavailable";

  /**
   * A call's audit entry is durable, or could not be made durable.
   *
   * @param action what was called
   * @param agency the caller's agency code, or null when the caller was not authenticated
   * @param outcome the entry's outcome ({@code ok}, {@code refused}, {@code invalid}, {@code failed}),
   *     or {@link #UNAVAILABLE} when the entry could not be written
   * @param problem why it was refused, invalid or failed; null for {@code ok}
   * @param subjects the number of subjects the call was about, as far as it was counted (0 if not)
   */
  default void audited(AuditAction action, String agency, String outcome, ProblemType problem, long subjects) {}

  /**
   * A lookup was answered: its audit entry is durable and the answer is about to be released.
   *
   * @param nanos time from the start of the lookup use case to this moment
   */
  default void lookupAnswered(long nanos) {}
}
