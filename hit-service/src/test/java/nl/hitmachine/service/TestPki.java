package nl.hitmachine.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import nl.hitmachine.service.auth.DistinguishedNames;
import nl.hitmachine.service.pki.BundleFiles;
import nl.hitmachine.service.pki.BundleFormat;
import nl.hitmachine.service.pki.CertificateAuthority;
import nl.hitmachine.service.pki.CertificateBundle;
import nl.hitmachine.service.pki.ClientIdentity;
import nl.hitmachine.service.pki.IssuedCertificate;
import nl.hitmachine.service.pki.RevocationReason;
import nl.hitmachine.service.pki.ServerIdentity;

/**
 * A throw-away PKI for the mutual TLS tests: a thin adapter over the product's development CA
 * ({@link CertificateAuthority}), so the tests use certificates exactly as {@code pki issue-server}
 * and {@code pki issue-client} make them. Each {@link #create} makes a new CA in {@code
 * <dir>/<name>-ca}; the server key store ({@code <name>-server.p12}, its password in the mode-600
 * {@code <name>-server.pass}) and client PKCS#12 files go into {@code dir}. Not for anything but tests.
 */
public final class TestPki {
  /** The password of every PKCS#12 file this writes (the CA's minimum is 12 characters). */
  public static final char[] PASSWORD = "test-pkcs12-password".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();
  /**
   * The CA's life starts this long ago, so that {@link #client(String, String, String, Instant, int)}
   * can issue certificates that expired in the past.
   */
  private static final Duration CA_AGE = Duration.ofDays(400);
  private static final int CA_DAYS = 800;
  private static final int LEAF_DAYS = 30;
  /**
   * The CA's everyday clock runs a minute behind: the JDK counts a certificate as revoked only after
   * its revocation date, so a revocation must lie in the past when the test's handshake runs.
   */
  private static final Duration BEHIND = Duration.ofMinutes(1);

  private final Path dir;
  private final String name;
  private final CertificateAuthority ca;

  private TestPki(Path dir, String name, CertificateAuthority ca) {
    this.dir = dir;
    this.name = name;
    this.ca = ca;
  }

  /** A new CA named {@code name}, kept in {@code <dir>/<name>-ca}, writing its certificates into {@code dir}. */
  public static TestPki create(Path dir, String name) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Path caDir = dir.resolve(name + "-ca");
    Clock born = Clock.fixed(Instant.now().minus(CA_AGE), ZoneOffset.UTC);
    CertificateAuthority.init(caDir, name + " test CA", CA_DAYS, CertificateAuthority.DEFAULT_CRL_VALIDITY, born,
        RANDOM);
    return new TestPki(dir, name,
        CertificateAuthority.open(caDir, Clock.offset(Clock.systemUTC(), BEHIND.negated()), RANDOM));
  }

  /** The CA certificate (PEM). */
  public Path caFile() {
    return ca.directory().resolve(CertificateAuthority.CERTIFICATE_FILE);
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** A server key store for 127.0.0.1 and localhost; its password is in {@link #serverPasswordFile()}. */
  public Path serverKeyStore() {
    Path file = dir.resolve(name + "-server.p12");
    if (!Files.exists(file)) {
      CertificateBundle bundle =
          ca.issueServer(new ServerIdentity(List.of("localhost"), List.of("127.0.0.1")), LEAF_DAYS);
      BundleFiles.write(bundle, dir.resolve(name + "-server"), BundleFormat.pkcs12, PASSWORD.clone(), false);
      try {
        Path pass = serverPasswordFile();
        Files.writeString(pass, new String(PASSWORD) + "\n");
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return file;
  }

  /** The mode-600 file holding the server key store's password. */
  public Path serverPasswordFile() {
    return dir.resolve(name + "-server.pass");
  }

  /**
   * A client certificate for {@code clientId} of {@code agency} (with the organisation identifier
   * {@code NTRNL-<20 digits>} when not null), valid from five minutes ago for 30 days, as a PKCS#12 file.
   */
  public Client client(String clientId, String agency, String organisationIdentifier) {
    return write(ca.issueClient(identity(clientId, agency, organisationIdentifier), LEAF_DAYS));
  }

  /**
   * As {@link #client(String, String, String)}, but issued by the CA at {@code issuedAt} for {@code
   * days} days: for certificates that have expired.
   */
  public Client client(String clientId, String agency, String organisationIdentifier, Instant issuedAt, int days) {
    CertificateAuthority then =
        CertificateAuthority.open(ca.directory(), Clock.fixed(issuedAt, ZoneOffset.UTC), RANDOM);
    return write(then.issueClient(identity(clientId, agency, organisationIdentifier), days));
  }

  private static ClientIdentity identity(String clientId, String agency, String organisationIdentifier) {
    return new ClientIdentity(clientId, agency, Optional.ofNullable(organisationIdentifier));
  }

  private Client write(CertificateBundle bundle) {
    Path basename = dir.resolve(name + "-" + bundle.alias() + "-" + bundle.issued().serial());
    Path file = BundleFiles.write(bundle, basename, BundleFormat.pkcs12, PASSWORD.clone(), false).getFirst();
    return new Client(file, bundle.certificate(), this);
  }

  /**
   * Revokes (keyCompromise) those of {@code revoked} not revoked yet and publishes the CA's CRL, valid
   * for {@code validFor}; the CRL names every certificate this CA revoked so far. Returns its file.
   */
  public Path crl(List<X509Certificate> revoked, Duration validFor) {
    for (X509Certificate c : revoked) {
      String serial = IssuedCertificate.serialHex(c.getSerialNumber());
      boolean already = ca.issued().stream().anyMatch(i -> i.serial().equals(serial) && i.revokedAt().isPresent());
      if (!already) {
        ca.revoke(serial, RevocationReason.keyCompromise, validFor);
      }
    }
    ca.publishCrl(validFor);
    return crlFile();
  }

  /**
   * Publishes the CA's CRL as the CA would have at {@code publishedAt}, valid for {@code validFor}:
   * for CRLs past their next update. Returns its file.
   */
  public Path crlPublishedAt(Instant publishedAt, Duration validFor) {
    CertificateAuthority.open(ca.directory(), Clock.fixed(publishedAt, ZoneOffset.UTC), RANDOM).publishCrl(validFor);
    return crlFile();
  }

  private Path crlFile() {
    return ca.directory().resolve(CertificateAuthority.CRL_FILE);
  }

  /** A client certificate and its PKCS#12 file (password {@link #PASSWORD}). */
  public record Client(Path keyStore, X509Certificate certificate, TestPki issuer) {
    /** An SSL context presenting this certificate and trusting {@code serverCa}'s CA. */
    public SSLContext sslContext(TestPki serverCa) {
      return TestPki.sslContext(keyStore, serverCa);
    }

    /** The certificate's subject as hit-service's configuration ({@code certificateSubject}) writes it. */
    public String subject() {
      return DistinguishedNames.text(certificate.getSubjectX500Principal());
    }
  }

  /** An SSL context with the client key store {@code p12} (or none when null), trusting {@code serverCa}. */
  public static SSLContext sslContext(Path p12, TestPki serverCa) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore keys = KeyStore.getInstance("PKCS12");
      if (p12 != null) {
        try (var in = Files.newInputStream(p12)) {
          keys.load(in, PASSWORD);
        }
      } else {
        keys.load(null, null);
      }
      kmf.init(keys, PASSWORD);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", serverCa.caCertificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
