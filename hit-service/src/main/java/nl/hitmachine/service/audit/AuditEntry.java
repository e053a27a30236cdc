package nl.hitmachine.service.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One audited call. Fields follow NEN 7513: who (client, agency, role, requestedBy), when, why
 * (purpose, caseRef), what (action, subjects or counts) and how it ended (outcome, problem type).
 * Holds no BSN and no raw pseudonym: subjects appear only in their audit form.
 *
 * @param time when the service handled the call
 * @param requestId the X-Request-Id of the call
 * @param clientId the authenticated client, or {@code null} when authentication failed
 * @param agency the client's agency code, or {@code null} when authentication failed
 * @param roles the client's roles (wire names)
 * @param certificate the client certificate of the call's mutual TLS connection, or {@code null}
 *     (plain HTTP, or a TLS connection without one)
 * @param action what the call tried to do
 * @param outcome how it ended
 * @param problemType the problem type slug for refused or invalid calls, else {@code null}
 * @param purpose the stated purpose code (lookups), or {@code null}
 * @param caseRef the stated case reference (lookups), or {@code null}
 * @param requestedBy the human the call was made for (lookups), or {@code null}
 * @param subjects per subject of a lookup: audit pseudonyms and what was disclosed
 * @param counts for registration calls: counts such as upserted, removed, added, kept
 */
public record AuditEntry(
    Instant time,
    String requestId,
    String clientId,
    String agency,
    List<String> roles,
    AuditCertificate certificate,
    AuditAction action,
    AuditOutcome outcome,
    String problemType,
    String purpose,
    String caseRef,
    String requestedBy,
    List<AuditSubject> subjects,
    Map<String, Long> counts) {

  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(outcome, "outcome");
    roles = List.copyOf(Objects.requireNonNull(roles, "roles"));
    subjects = List.copyOf(Objects.requireNonNull(subjects, "subjects"));
    counts = Map.copyOf(Objects.requireNonNull(counts, "counts"));
  }

  /** An entry of a call made without a client certificate. */
  public AuditEntry(
      Instant time,
      String requestId,
      String clientId,
      String agency,
      List<String> roles,
      AuditAction action,
      AuditOutcome outcome,
      String problemType,
      String purpose,
      String caseRef,
      String requestedBy,
      List<AuditSubject> subjects,
      Map<String, Long> counts) {
    this(time, requestId, clientId, agency, roles, null, action, outcome, problemType, purpose, caseRef, requestedBy,
        subjects, counts);
  }
}
