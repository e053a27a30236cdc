package nl.hitmachine.service.hit;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/** Who may read the audit log: authenticated clients with the privacy-officer role. */
final class PrivacyOfficerAccess {
  private PrivacyOfficerAccess() {}

  /**
   * For a caller that may not read the audit log: the audited refusal of its {@code action} (the
   * future fails with 401 or 403 once the refusal is durable). For an officer: {@code null}.
   */
  static <T> CompletableFuture<T> refused(AuditTrail audit, Caller caller, AuditAction action) {
    ProblemException refusal = refusal(caller);
    return refusal == null ? null : audit.refuse(caller, action, refusal, AuditTrail.Statement.NONE, Map.of());
  }

  /** The problem to refuse {@code caller} with (401 or 403), or {@code null} when it may read. */
  static ProblemException refusal(Caller caller) {
    Principal principal = caller.principal();
    if (principal == null) {
      return new ProblemException(ProblemType.UNAUTHENTICATED, "valid credentials are required (a mapped client certificate or, where enabled, a bearer token)");
    }
    if (!principal.has(Role.PRIVACY_OFFICER)) {
      return ProblemException.forbidden("this client does not have the privacy-officer role");
    }
    return null;
  }
}
