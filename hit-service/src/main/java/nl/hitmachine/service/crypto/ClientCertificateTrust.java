package nl.hitmachine.service.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides which client certificates the TLS handshake accepts: those that chain (PKIX) to a CA of
 * the trusted bundle, are valid at the time of the handshake, carry no extended key usage that
 * excludes client authentication, and — when a CRL file is given — are not revoked.
 *
 * <p>Checked at start-up, so a bad file stops the service instead of weakening it: the bundle must
 * hold at least one CA certificate valid now; each CRL must be signed by one of those CAs and not be
 * past its next update; and every CA must have a CRL (the handshake treats an unknown revocation
 * status as a refusal). CRLs are read once: a new CRL takes effect at the next start.
 */
public final class ClientCertificateTrust {
  private ClientCertificateTrust() {}

  /** The trust manager for {@code caFile} (PEM bundle) and the optional {@code crlFile} (PEM or DER). */
  public static X509TrustManager load(Path caFile, Path crlFile, Clock clock) {
    Instant now = clock.instant();
    List<X509Certificate> cas = readCas(caFile, now);
    List<X509CRL> crls = crlFile == null ? List.of() : readCrls(crlFile, cas, now);
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      for (X509Certificate ca : cas) {
        anchors.add(new TrustAnchor(ca, null));
      }
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
      parameters.setRevocationEnabled(crlFile != null);
      if (crlFile != null) {
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(crls)));
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(new CertPathTrustManagerParameters(parameters));
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509TrustManager x509) {
          return x509;
        }
      }
      throw new TlsSetupException("no PKIX trust manager available");
    } catch (GeneralSecurityException e) {
      throw new TlsSetupException("the trusted CAs in " + caFile + " cannot be used: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> readCas(Path caFile, Instant now) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = open(caFile, "trusted CA file")) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsSetupException("trusted CA file " + caFile + " is not a PEM bundle of X.509 certificates: "
          + e.getMessage(), e);
    }
    List<X509Certificate> cas = new ArrayList<>();
    for (Certificate c : certificates) {
      X509Certificate ca = (X509Certificate) c;
      if (ca.getBasicConstraints() < 0) {
        throw new TlsSetupException("trusted CA file " + caFile + " holds a certificate that is not a CA: "
            + ca.getSubjectX500Principal().getName());
      }
      if (now.isAfter(ca.getNotAfter().toInstant()) || now.isBefore(ca.getNotBefore().toInstant())) {
        throw new TlsSetupException("trusted CA file " + caFile + " holds a CA certificate that is not valid now: "
            + ca.getSubjectX500Principal().getName());
      }
      cas.add(ca);
    }
    if (cas.isEmpty()) {
      throw new TlsSetupException("trusted CA file " + caFile + " holds no certificate");
    }
    return cas;
  }

  private static List<X509CRL> readCrls(Path crlFile, List<X509Certificate> cas, Instant now) {
    Collection<? extends CRL> read;
    try (InputStream in = open(crlFile, "CRL file")) {
      read = CertificateFactory.getInstance("X.509").generateCRLs(in);
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsSetupException("CRL file " + crlFile + " is not a PEM or DER certificate revocation list: "
          + e.getMessage(), e);
    }
    List<X509CRL> crls = new ArrayList<>();
    for (CRL c : read) {
      crls.add((X509CRL) c);
    }
    if (crls.isEmpty()) {
      throw new TlsSetupException("CRL file " + crlFile + " holds no revocation list");
    }
    for (X509CRL crl : crls) {
      X509Certificate issuer = cas.stream()
          .filter(ca -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
          .filter(ca -> verifies(crl, ca))
          .findFirst()
          .orElseThrow(() -> new TlsSetupException("CRL file " + crlFile + " holds a CRL of "
              + crl.getIssuerX500Principal().getName() + " that no trusted CA has signed"));
      if (crl.getNextUpdate() != null && now.isAfter(crl.getNextUpdate().toInstant())) {
        throw new TlsSetupException("the CRL of " + issuer.getSubjectX500Principal().getName() + " in " + crlFile
            + " is out of date (next update was " + crl.getNextUpdate().toInstant() + "); fetch a fresh one from the CA");
      }
    }
    for (X509Certificate ca : cas) {
      if (crls.stream().noneMatch(crl -> crl.getIssuerX500Principal().equals(ca.getSubjectX500Principal()))) {
        throw new TlsSetupException("CRL file " + crlFile + " has no CRL of trusted CA "
            + ca.getSubjectX500Principal().getName() + "; with a CRL file, every trusted CA needs one");
      }
    }
    return crls;
  }

  private static boolean verifies(X509CRL crl, X509Certificate ca) {
    try {
      crl.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static InputStream open(Path file, String what) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new TlsSetupException(what + " " + file + " does not exist");
    }
    return Files.newInputStream(file);
  }
}
