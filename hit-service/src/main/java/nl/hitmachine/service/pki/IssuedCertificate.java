package nl.hitmachine.service.pki;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One certificate the CA issued, as kept in {@code issued.json}: what {@code pki list} shows and
 * what {@code pki revoke} changes. Holds no key material.
 *
 * @param serial the serial number, lower-case hex without separators
 * @param kind server or client
 * @param subject the subject distinguished name
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 fingerprint of the DER certificate, lower-case hex (what the audit log will record)
 * @param revokedAt when it was revoked, if it was
 * @param revocationReason why it was revoked, if it was
 */
public record IssuedCertificate(
    String serial,
    CertificateKind kind,
    String subject,
    Instant notBefore,
    Instant notAfter,
    String sha256,
    Optional<Instant> revokedAt,
    Optional<RevocationReason> revocationReason) {
  private static final Pattern SERIAL = Pattern.compile("[0-9a-f]{1,40}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** The state of a certificate at a given moment. */
  public enum Status {
    valid,
    expired,
    revoked
  }

  public IssuedCertificate {
    if (serial == null || !SERIAL.matcher(serial).matches()) {
      throw new IllegalArgumentException("serial must be lower-case hex, was " + serial);
    }
    if (kind == null || subject == null || notBefore == null || notAfter == null) {
      throw new IllegalArgumentException("kind, subject, notBefore and notAfter are required");
    }
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    if (revokedAt == null) {
      revokedAt = Optional.empty();
    }
    if (revocationReason == null) {
      revocationReason = Optional.empty();
    }
    if (revokedAt.isPresent() != revocationReason.isPresent()) {
      throw new IllegalArgumentException("revokedAt and revocationReason go together");
    }
  }

  /** The entry for a freshly issued {@code certificate}. */
  static IssuedCertificate of(CertificateKind kind, String subject, X509Certificate certificate) {
    return new IssuedCertificate(serialHex(certificate.getSerialNumber()), kind, subject,
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), sha256(certificate),
        Optional.empty(), Optional.empty());
  }

  /** This entry, revoked at {@code at} for {@code reason}. */
  IssuedCertificate revoke(Instant at, RevocationReason reason) {
    return new IssuedCertificate(serial, kind, subject, notBefore, notAfter, sha256, Optional.of(at), Optional.of(reason));
  }

  /** Revoked, expired or valid at {@code now} (revocation wins). */
  public Status status(Instant now) {
    if (revokedAt.isPresent()) {
      return Status.revoked;
    }
    return now.isAfter(notAfter) ? Status.expired : Status.valid;
  }

  /** The serial as a number. */
  public BigInteger serialNumber() {
    return new BigInteger(serial, 16);
  }

  /** Lower-case hex of {@code serial}, the form used in {@code issued.json} and by {@code pki revoke}. */
  public static String serialHex(BigInteger serial) {
    return serial.toString(16);
  }

  /**
   * {@code input} as a serial: hex, case-insensitive, colons and a {@code 0x} prefix allowed, leading
   * zeros dropped.
   */
  public static String normaliseSerial(String input) {
    String s = input == null ? "" : input.strip().replace(":", "").toLowerCase(Locale.ROOT);
    if (s.startsWith("0x")) {
      s = s.substring(2);
    }
    if (s.isEmpty() || s.length() > 40 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw PkiException.invalid("--serial '" + input + "' is not a hexadecimal serial number (see pki list)");
    }
    return serialHex(new BigInteger(s, 16));
  }

  /** SHA-256 of the DER encoding of {@code certificate}, lower-case hex. */
  public static String sha256(X509Certificate certificate) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint certificate", e);
    }
  }
}
