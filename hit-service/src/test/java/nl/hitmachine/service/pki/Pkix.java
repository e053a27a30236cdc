package nl.hitmachine.service.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** JDK-only helpers that consume what the CA writes, the way a relying party would. */
final class Pkix {
  private Pkix() {}

  /** Validates {@code leaf} against the trust anchor {@code ca} at {@code at}, checking {@code crl}. */
  static void validate(X509Certificate leaf, X509Certificate ca, X509CRL crl, Instant at) throws GeneralSecurityException {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    CertPath path = cf.generateCertPath(List.of(leaf));
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(true);
    params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
    params.setDate(Date.from(at));
    CertPathValidator.getInstance("PKIX").validate(path, params);
  }

  static X509Certificate readCertificate(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static List<X509Certificate> readCertificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
          .map(c -> (X509Certificate) c).toList();
    }
  }

  static X509CRL readCrl(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
    }
  }

  static KeyStore loadPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  /**
   * A TLS 1.3 context with the key in {@code keyStore} that trusts only {@code ca} and, when {@code
   * crl} is given, refuses peers it revokes.
   */
  static SSLContext tls(KeyStore keyStore, char[] password, X509Certificate ca, X509CRL crl)
      throws GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(keyStore, password);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try {
      trust.load(null, null);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    trust.setCertificateEntry("ca", ca);
    PKIXBuilderParameters params = new PKIXBuilderParameters(trust, new X509CertSelector());
    params.setRevocationEnabled(crl != null);
    if (crl != null) {
      params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(new CertPathTrustManagerParameters(params));
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }
}
