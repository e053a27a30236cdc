package nl.hitmachine.service.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.naming.ldap.LdapName;
import javax.security.auth.x500.X500Principal;

/**
 * Authenticates the client certificate of a mutual TLS connection by its subject name. The TLS
 * handshake has already refused certificates that do not chain to a trusted CA, are expired or are
 * revoked; this maps the remaining ones to configured clients ({@code clients[].certificateSubject}).
 * A certificate whose subject is not configured proves nothing.
 */
public final class CertificateAuthenticator implements Authenticator {
  private final Map<LdapName, Principal> bySubject;

  /** @param bySubject principals keyed by their certificate subject */
  public CertificateAuthenticator(Map<X500Principal, Principal> bySubject) {
    Map<LdapName, Principal> map = new HashMap<>();
    bySubject.forEach((subject, principal) -> {
      if (map.put(DistinguishedNames.comparable(subject), principal) != null) {
        throw new IllegalArgumentException("a certificate subject is mapped to two clients");
      }
    });
    this.bySubject = Map.copyOf(map);
  }

  @Override
  public Optional<Principal> authenticate(Credentials credentials) {
    if (credentials.peerCertificate() == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(bySubject.get(
          DistinguishedNames.comparable(credentials.peerCertificate().getSubjectX500Principal())));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
