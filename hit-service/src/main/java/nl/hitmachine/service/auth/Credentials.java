package nl.hitmachine.service.auth;

import java.security.cert.X509Certificate;

/**
 * What a caller presented: a bearer token, and under mutual TLS the client certificate that the
 * TLS handshake already verified (chain, validity, revocation).
 *
 * @param bearerToken the token from {@code Authorization: Bearer …}, or {@code null}
 * @param peerCertificate the verified leaf certificate of the TLS peer, or {@code null}
 */
public record Credentials(String bearerToken, X509Certificate peerCertificate) {
  /** A bearer token only. */
  public Credentials(String bearerToken) {
    this(bearerToken, null);
  }

  /** Parses an Authorization header value; anything but a Bearer token yields no token. */
  public static Credentials fromAuthorizationHeader(String header) {
    if (header == null) {
      return new Credentials(null);
    }
    String h = header.strip();
    if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Credentials(h.substring(7).strip());
    }
    return new Credentials(null);
  }

  /** These credentials with the TLS peer's verified leaf certificate. */
  public Credentials withPeerCertificate(X509Certificate certificate) {
    return new Credentials(bearerToken, certificate);
  }

  @Override
  public String toString() {
    return "Credentials[bearerToken=" + (bearerToken == null ? "none" : "(hidden)") + ", peerCertificate="
        + (peerCertificate == null ? "none" : peerCertificate.getSubjectX500Principal().getName()) + "]";
  }
}
