package nl.hitmachine.service.auth;

import java.util.Optional;

/**
 * The precedence of credentials when mutual TLS and bearer tokens meet: a client certificate that
 * maps to a configured client identifies the caller, and a bearer token on the same request is then
 * not looked at (it can neither change nor widen the identity). Only when no certificate maps — none
 * was presented, or its subject is not configured — is a bearer token considered, and only when
 * bearer tokens are enabled ({@code server.bearerTokens}).
 */
public final class CertificateFirstAuthenticator implements Authenticator {
  private final Authenticator certificates;
  private final Authenticator tokens;

  /**
   * @param certificates authenticates client certificates
   * @param tokens authenticates bearer tokens, or {@code null} when bearer tokens are disabled
   */
  public CertificateFirstAuthenticator(Authenticator certificates, Authenticator tokens) {
    this.certificates = certificates;
    this.tokens = tokens;
  }

  @Override
  public Optional<Principal> authenticate(Credentials credentials) {
    Optional<Principal> byCertificate = certificates.authenticate(credentials);
    if (byCertificate.isPresent() || tokens == null) {
      return byCertificate;
    }
    return tokens.authenticate(credentials);
  }
}
