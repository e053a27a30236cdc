package nl.hitmachine.service.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A freshly issued certificate with its chain and (unless issued for a request) private key, to be written out once with {@link
 * BundleFiles}. {@link #toString()} leaves the key out.
 *
 * @param issued the entry recorded in {@code issued.json}
 * @param chain the issued certificate followed by the CA certificate
 * @param privateKey the certificate's private key (never stored by the CA); empty when issued for
 *     the key of a certificate signing request
 * @param alias the name of the key entry in a PKCS#12 file (client id or first DNS name)
 */
public record CertificateBundle(
    IssuedCertificate issued, List<X509Certificate> chain, Optional<PrivateKey> privateKey, String alias) {
  public CertificateBundle {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("chain must hold at least the issued certificate");
    }
  }

  /** The issued certificate (first in the chain). */
  public X509Certificate certificate() {
    return chain.getFirst();
  }

  @Override
  public String toString() {
    return "CertificateBundle[" + issued + ", alias=" + alias + ", private key withheld]";
  }
}
