package nl.hitmachine.service.hit;

import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/** Who may read the audit log: authenticated clients with the privacy-officer role. */
final class PrivacyOfficerAccess {
  private PrivacyOfficerAccess() {}

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
