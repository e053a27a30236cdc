package nl.hitmachine.service.hit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;

/** Who may call a use case: an authenticated client with the role it needs. */
final class RoleCheck {
  private RoleCheck() {}

  /**
   * For a caller without {@code role}: the audited refusal of its {@code action} (the future fails
   * with 401 or 403 once the refusal is durable). For a caller with it: {@code null}.
   */
  static <T> CompletableFuture<T> refused(AuditTrail audit, Caller caller, AuditAction action, Role role) {
    ProblemException refusal = refusal(caller, role);
    return refusal == null ? null : audit.refuse(caller, action, refusal, AuditTrail.Statement.NONE, Map.of());
  }

  /** The problem to refuse {@code caller} with (401 or 403), or {@code null} when it has {@code role}. */
  static ProblemException refusal(Caller caller, Role role) {
    Principal principal = caller.principal();
    if (principal == null) {
      return ProblemException.unauthenticated();
    }
    if (!principal.has(role)) {
      return ProblemException.forbidden("this client does not have the " + role.wireName() + " role");
    }
    return null;
  }
}
