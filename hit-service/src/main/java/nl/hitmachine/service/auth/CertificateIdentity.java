package nl.hitmachine.service.auth;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the audit log records of a client certificate: enough to identify it, nothing more.
 *
 * @param subject the subject distinguished name (RFC 2253)
 * @param organizationIdentifier the organizationIdentifier attribute (OID 2.5.4.97) of the
 *     subject, or {@code null} when absent
 * @param sha256 lower-case hex SHA-256 of the certificate's DER encoding (its fingerprint)
 */
public record CertificateIdentity(String subject, String organizationIdentifier, String sha256) {
  public CertificateIdentity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(sha256, "sha256");
  }

  /** The identity of {@code certificate}. */
  public static CertificateIdentity of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new CertificateIdentity(DistinguishedNames.text(certificate.getSubjectX500Principal()),
          DistinguishedNames.organizationIdentifier(certificate.getSubjectX500Principal()),
          HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }
}
