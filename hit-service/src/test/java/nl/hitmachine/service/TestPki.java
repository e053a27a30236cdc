package nl.hitmachine.service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for the mutual TLS tests, written to a directory: a CA ({@code ca.pem}), a
 * server key store for 127.0.0.1/localhost ({@code server.p12}, its password in the mode-600
 * {@code server.pass}), client certificates as PKCS#12 files ({@link #client}), and CRLs. Keys
 * are EC P-256. Not for anything but tests.
 */
public final class TestPki {
  /** The password of every PKCS#12 file this writes. */
  public static final char[] PASSWORD = "test-pass".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffffffL);

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestPki(Path dir, String name, KeyPair caKeys, X509Certificate ca) {
    this.dir = dir;
    this.name = name;
    this.caKeys = caKeys;
    this.ca = ca;
  }

  /** A new CA named {@code name} writing into {@code dir}, with its certificate in {@code <name>-ca.pem}. */
  public static TestPki create(Path dir, String name) {
    try {
      Files.createDirectories(dir);
      KeyPair keys = keyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL")
          .addRDN(BCStyle.O, "Hitmachine test").addRDN(BCStyle.CN, name + " test CA").build();
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
          Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate ca = new JcaX509CertificateConverter().getCertificate(b.build(signer(keys)));
      TestPki pki = new TestPki(dir, name, keys, ca);
      Files.writeString(pki.caFile(), pem(ca));
      return pki;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA certificate (PEM). */
  public Path caFile() {
    return dir.resolve(name + "-ca.pem");
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** A server key store for 127.0.0.1 and localhost; its password is in {@link #serverPasswordFile()}. */
  public Path serverKeyStore() {
    Path file = dir.resolve(name + "-server.p12");
    if (!Files.exists(file)) {
      try {
        KeyPair keys = keyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "localhost").build();
        X509Certificate cert = issue(subject, keys, Instant.now().minus(Duration.ofDays(1)),
            Instant.now().plus(Duration.ofDays(30)), KeyPurposeId.id_kp_serverAuth,
            new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        writePkcs12(file, keys, cert);
        Path pass = serverPasswordFile();
        Files.writeString(pass, new String(PASSWORD) + "\n");
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-------"));
      } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
        throw new IllegalStateException(e);
      }
    }
    return file;
  }

  /** The mode-600 file holding the server key store's password. */
  public Path serverPasswordFile() {
    return dir.resolve(name + "-server.pass");
  }

  /** The RFC 2253 subject that {@link #client} gives a certificate (organizationIdentifier only when given). */
  public static String subject(String commonName, String organization, String organizationIdentifier) {
    return "CN=" + commonName + (organizationIdentifier == null ? "" : ",organizationIdentifier=" + organizationIdentifier)
        + ",O=" + organization + ",C=NL";
  }

  /** A client certificate valid from a day ago for 30 days, as a PKCS#12 file. */
  public Client client(String commonName, String organization, String organizationIdentifier) {
    return client(commonName, organization, organizationIdentifier, Instant.now().minus(Duration.ofDays(1)),
        Instant.now().plus(Duration.ofDays(30)));
  }

  /** A client certificate valid from {@code notBefore} to {@code notAfter}, as a PKCS#12 file. */
  public Client client(String commonName, String organization, String organizationIdentifier, Instant notBefore,
      Instant notAfter) {
    try {
      X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL")
          .addRDN(BCStyle.O, organization);
      if (organizationIdentifier != null) {
        subject.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, organizationIdentifier);
      }
      subject.addRDN(BCStyle.CN, commonName);
      KeyPair keys = keyPair();
      X509Certificate cert = issue(subject.build(), keys, notBefore, notAfter, KeyPurposeId.id_kp_clientAuth, null);
      Path file = dir.resolve(name + "-" + commonName + "-" + cert.getSerialNumber() + ".p12");
      writePkcs12(file, keys, cert);
      return new Client(file, cert, this);
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a CRL of this CA revoking {@code revoked} to {@code <name>-crl.pem}, valid for {@code validFor}. */
  public Path crl(List<X509Certificate> revoked, Duration validFor) {
    try {
      Instant now = Instant.now();
      X509v2CRLBuilder b = new JcaX509v2CRLBuilder(ca, Date.from(now.minus(Duration.ofMinutes(5))));
      b.setNextUpdate(Date.from(now.plus(validFor)));
      for (X509Certificate c : revoked) {
        b.addCRLEntry(c.getSerialNumber(), Date.from(now.minus(Duration.ofMinutes(1))), CRLReason.keyCompromise);
      }
      X509CRL crl = new JcaX509CRLConverter().getCRL(b.build(signer(caKeys)));
      Path file = dir.resolve(name + "-crl.pem");
      Files.writeString(file, pem(crl));
      return file;
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client certificate and its PKCS#12 file (password {@link #PASSWORD}). */
  public record Client(Path keyStore, X509Certificate certificate, TestPki issuer) {
    /** An SSL context presenting this certificate and trusting {@code serverCa}'s CA. */
    public SSLContext sslContext(TestPki serverCa) {
      return TestPki.sslContext(keyStore, serverCa);
    }
  }

  /** An SSL context with the client key store {@code p12} (or none when null), trusting {@code serverCa}. */
  public static SSLContext sslContext(Path p12, TestPki serverCa) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      if (p12 != null) {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
          keys.load(in, PASSWORD);
        }
        kmf.init(keys, PASSWORD);
      } else {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        kmf.init(empty, PASSWORD);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", serverCa.ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate issue(X500Name subject, KeyPair keys, Instant notBefore, Instant notAfter,
      KeyPurposeId purpose, GeneralNames altNames) throws IOException, GeneralSecurityException, OperatorCreationException {
    X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(notBefore),
        Date.from(notAfter), subject, keys.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
    if (altNames != null) {
      b.addExtension(Extension.subjectAlternativeName, false, altNames);
    }
    return new JcaX509CertificateConverter().getCertificate(b.build(signer(caKeys)));
  }

  private void writePkcs12(Path file, KeyPair keys, X509Certificate cert) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new Certificate[] {cert, ca});
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIALS.incrementAndGet());
  }

  private static String pem(Object o) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString();
  }
}
