package nl.hitmachine.service.audit;

import java.util.Objects;

/**
 * The client certificate a call was made with, as the audit entry records it: never the
 * certificate itself.
 *
 * @param subject the subject distinguished name (RFC 2253)
 * @param organizationIdentifier the subject's organizationIdentifier (OID 2.5.4.97), or {@code null}
 * @param sha256 lower-case hex SHA-256 fingerprint of the certificate (DER)
 */
public record AuditCertificate(String subject, String organizationIdentifier, String sha256) {
  public AuditCertificate {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sha256, "sha256");
  }
}
