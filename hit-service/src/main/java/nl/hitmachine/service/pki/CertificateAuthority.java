package nl.hitmachine.service.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development certificate authority kept in one directory:
 *
 * <pre>
 * ca.key.pem    the CA private key, PKCS#8 PEM, mode 600 (secret; refused when group/others can read it)
 * ca.crt.pem    the self-signed CA certificate (public: the trust anchor for hit-service and the clients)
 * issued.json   every certificate issued: serial, kind, subject, validity, SHA-256, revocation
 * crl.pem       the current CRL, signed by the CA (public; re-issue before its nextUpdate)
 * .lock         held while a command changes the directory
 * </pre>
 *
 * <p>Keys are ECDSA P-256, signatures SHA256withECDSA. The CA is a root with pathLen 0 (it signs
 * only end-entity certificates). Leaf validity starts {@link #BACKDATE} before "now" to tolerate
 * clock skew between machines. Time comes from the injected clock and randomness from the injected
 * {@link SecureRandom}. Nothing here logs or prints key material.
 */
@SuppressWarnings("try") // the CaLock resources are held, not used, inside their try blocks
public final class CertificateAuthority {
  public static final String KEY_FILE = "ca.key.pem";
  public static final String CERTIFICATE_FILE = "ca.crt.pem";
  public static final String STATE_FILE = "issued.json";
  public static final String CRL_FILE = "crl.pem";

  /** The default CA name. */
  public static final String DEFAULT_NAME = "Hitmachine development CA";
  /** Longest validity of a server or client certificate: the CA/Browser Forum limit, also PKIoverheid's. */
  public static final int MAX_LEAF_DAYS = 397;
  /** Longest validity of the CA certificate. */
  public static final int MAX_CA_DAYS = 7300;
  /** The default time until a CRL's nextUpdate. */
  public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);
  /** How far before "now" a leaf certificate's validity starts. */
  public static final Duration BACKDATE = Duration.ofMinutes(5);

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  private final Path dir;
  private final X509Certificate certificate;
  private final PrivateKey key;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(Path dir, X509Certificate certificate, PrivateKey key, Clock clock, SecureRandom random) {
    this.dir = dir;
    this.certificate = certificate;
    this.key = key;
    this.clock = clock;
    this.random = random;
  }

  /**
   * Creates a new CA in {@code dir} (created with mode 700 if missing): key, self-signed
   * certificate valid for {@code days}, an empty {@code issued.json} and an empty CRL valid for
   * {@code crlValidity}. Refuses a directory that already holds a CA.
   */
  public static CertificateAuthority init(Path dir, String name, int days, Duration crlValidity, Clock clock,
      SecureRandom random) {
    if (name == null || name.isBlank() || name.length() > 64 || name.chars().anyMatch(Character::isISOControl)) {
      throw PkiException.invalid("--name must be 1 to 64 printable characters");
    }
    if (days < 1 || days > MAX_CA_DAYS) {
      throw PkiException.invalid("--days for the CA must be between 1 and " + MAX_CA_DAYS + ", was " + days);
    }
    checkCrlValidity(crlValidity);
    for (String f : List.of(KEY_FILE, CERTIFICATE_FILE, STATE_FILE)) {
      if (Files.exists(dir.resolve(f))) {
        throw PkiException.failed(dir + " already holds a CA (" + f + "); not overwriting it."
            + " Use another --ca-dir, or delete the old CA deliberately first");
      }
    }
    try {
      if (!Files.exists(dir)) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(SecureFiles.PRIVATE_DIR));
      }
    } catch (IOException e) {
      throw PkiException.failed("cannot create CA directory " + dir + ": " + e.getMessage(), e);
    }
    try (CaLock lock = CaLock.acquire(dir)) {
      KeyPair pair = generateKeyPair(random);
      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, newSerial(random, CaState.empty()),
          Date.from(now), Date.from(now.plus(Duration.ofDays(days))), subject, pair.getPublic());
      JcaX509ExtensionUtils ext = extensionUtils();
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate caCertificate = sign(builder, pair.getPrivate());

      byte[] keyPem = PemFiles.privateKey(pair.getPrivate());
      try {
        SecureFiles.write(dir.resolve(KEY_FILE), keyPem, true, false);
      } finally {
        Arrays.fill(keyPem, (byte) 0);
      }
      SecureFiles.write(dir.resolve(CERTIFICATE_FILE),
          PemFiles.certificates(List.of(caCertificate)).getBytes(StandardCharsets.US_ASCII), false, false);
      CertificateAuthority ca = new CertificateAuthority(dir, caCertificate, pair.getPrivate(), clock, random);
      ca.publishCrlLocked(CaState.empty(), crlValidity);
      return ca;
    } catch (IOException e) {
      throw PkiException.failed("cannot create CA in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Opens the CA in {@code dir}, checking that its key is private and belongs to its certificate. */
  public static CertificateAuthority open(Path dir, Clock clock, SecureRandom random) {
    Path keyFile = dir.resolve(KEY_FILE);
    if (!Files.isDirectory(dir) || !Files.exists(keyFile)) {
      throw PkiException.unreadable(dir + " holds no CA (" + KEY_FILE + " missing); create one with: pki init --ca-dir "
          + dir, null);
    }
    SecureFiles.checkSecret(keyFile);
    X509Certificate certificate = PemFiles.readCertificate(dir.resolve(CERTIFICATE_FILE));
    PrivateKey key = PemFiles.readPrivateKey(keyFile);
    if (!matches(key, certificate.getPublicKey())) {
      throw PkiException.unreadable(keyFile + " does not belong to " + dir.resolve(CERTIFICATE_FILE), null);
    }
    if (!Files.exists(dir.resolve(STATE_FILE))) {
      throw PkiException.unreadable(dir.resolve(STATE_FILE) + " is missing", null);
    }
    return new CertificateAuthority(dir, certificate, key, clock, random);
  }

  /** The CA certificate (the trust anchor to distribute). */
  public X509Certificate certificate() {
    return certificate;
  }

  public Path directory() {
    return dir;
  }

  /** Every certificate issued, oldest first. */
  public List<IssuedCertificate> issued() {
    return CaState.read(dir.resolve(STATE_FILE)).certificates();
  }

  /** Issues a TLS server certificate (serverAuth) with a new key for {@code identity}, valid {@code days} days. */
  public CertificateBundle issueServer(ServerIdentity identity, int days) {
    return issueServer(identity, days, Optional.empty());
  }

  /**
   * Issues a TLS server certificate (serverAuth) for {@code identity}, for the key of {@code request}
   * or, when empty, a new key.
   */
  public CertificateBundle issueServer(ServerIdentity identity, int days, Optional<CertificateRequest> request) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, identity.dnsNames().getFirst()).build();
    List<GeneralName> names = new ArrayList<>();
    identity.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
    identity.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
    return issue(CertificateKind.SERVER, subject, days, KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(names.toArray(GeneralName[]::new)), identity.dnsNames().getFirst(), request);
  }

  /**
   * Issues a client certificate (clientAuth) for one agency system: subject O=agency, CN=client id
   * and, with an organisation identifier, organizationIdentifier=NTRNL-&lt;OIN&gt; (eIDAS style) plus
   * serialNumber=&lt;OIN&gt; (the PKIoverheid place), so that code reading either works with both.
   */
  public CertificateBundle issueClient(ClientIdentity identity, int days) {
    return issueClient(identity, days, Optional.empty());
  }

  /** As {@link #issueClient(ClientIdentity, int)}, for the key of {@code request} when given. */
  public CertificateBundle issueClient(ClientIdentity identity, int days, Optional<CertificateRequest> request) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, identity.agency());
    identity.organisationIdentifier().ifPresent(oi -> {
      subject.addRDN(BCStyle.ORGANIZATION_IDENTIFIER, oi);
      subject.addRDN(BCStyle.SERIALNUMBER, identity.oin().orElseThrow()); // where PKIoverheid puts the OIN
    });
    subject.addRDN(BCStyle.CN, identity.clientId());
    return issue(CertificateKind.CLIENT, subject.build(), days, KeyPurposeId.id_kp_clientAuth, null,
        identity.clientId(), request);
  }

  private CertificateBundle issue(CertificateKind kind, X500Name subject, int days, KeyPurposeId purpose,
      GeneralNames subjectAltNames, String alias, Optional<CertificateRequest> request) {
    if (days < 1 || days > MAX_LEAF_DAYS) {
      throw PkiException.invalid("--days must be between 1 and " + MAX_LEAF_DAYS + ", was " + days);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = now.minus(BACKDATE);
    Instant notAfter = now.plus(Duration.ofDays(days));
    if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
      throw PkiException.invalid("a certificate valid " + days + " days would outlive the CA (valid until "
          + certificate.getNotAfter().toInstant() + "); give fewer --days or create a new CA");
    }
    if (now.isBefore(certificate.getNotBefore().toInstant())) {
      throw PkiException.failed("the CA certificate is not valid yet (from " + certificate.getNotBefore().toInstant()
          + "); check the system clock");
    }
    try (CaLock lock = CaLock.acquire(dir)) {
      CaState state = CaState.read(dir.resolve(STATE_FILE));
      KeyPair pair = request.isPresent() ? null : generateKeyPair(random);
      PublicKey subjectKey = request.map(CertificateRequest::publicKey).orElseGet(() -> pair.getPublic());
      JcaX509ExtensionUtils ext = extensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, newSerial(random, state),
          Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      if (subjectAltNames != null) {
        builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
      }
      builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(certificate.getPublicKey()));
      X509Certificate issued = sign(builder, key);
      IssuedCertificate entry = IssuedCertificate.of(kind, subject.toString(), issued);
      writeState(state.with(entry));
      return new CertificateBundle(entry, List.of(issued, certificate),
          pair == null ? Optional.empty() : Optional.of(pair.getPrivate()), alias);
    } catch (IOException e) {
      throw PkiException.failed("cannot issue certificate: " + e.getMessage(), e);
    }
  }

  /**
   * Marks the certificate with {@code serial} revoked and publishes a new CRL valid for {@code
   * crlValidity}. Revoking an already revoked certificate fails and changes nothing.
   */
  public IssuedCertificate revoke(String serial, RevocationReason reason, Duration crlValidity) {
    String normalised = IssuedCertificate.normaliseSerial(serial);
    checkCrlValidity(crlValidity);
    try (CaLock lock = CaLock.acquire(dir)) {
      CaState state = CaState.read(dir.resolve(STATE_FILE));
      IssuedCertificate entry = state.find(normalised).orElseThrow(() -> PkiException.failed(
          "no certificate with serial " + normalised + " was issued by the CA in " + dir + " (see pki list)"));
      if (entry.revokedAt().isPresent()) {
        throw PkiException.failed("certificate " + normalised + " was already revoked at " + entry.revokedAt().get());
      }
      IssuedCertificate revoked = entry.revoke(clock.instant().truncatedTo(ChronoUnit.SECONDS), reason);
      CaState next = state.replace(revoked);
      writeState(next);
      publishCrlLocked(next, crlValidity);
      return revoked;
    } catch (IOException e) {
      throw PkiException.failed("cannot revoke: " + e.getMessage(), e);
    }
  }

  /** Signs and writes a fresh CRL ({@code crl.pem}) valid for {@code crlValidity}. */
  public X509CRL publishCrl(Duration crlValidity) {
    checkCrlValidity(crlValidity);
    try (CaLock lock = CaLock.acquire(dir)) {
      return publishCrlLocked(CaState.read(dir.resolve(STATE_FILE)), crlValidity);
    } catch (IOException e) {
      throw PkiException.failed("cannot write the CRL: " + e.getMessage(), e);
    }
  }

  private X509CRL publishCrlLocked(CaState state, Duration crlValidity) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    long number = state.crlNumber() + 1;
    try {
      JcaX509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate, Date.from(now));
      builder.setNextUpdate(Date.from(now.plus(crlValidity)));
      for (IssuedCertificate c : state.certificates()) {
        if (c.revokedAt().isPresent()) {
          builder.addCRLEntry(c.serialNumber(), Date.from(c.revokedAt().get()), c.revocationReason().orElseThrow().code());
        }
      }
      builder.addExtension(Extension.authorityKeyIdentifier, false,
          extensionUtils().createAuthorityKeyIdentifier(certificate.getPublicKey()));
      builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(number)));
      X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(signer(key)));
      writeState(state.withCrlNumber(number));
      SecureFiles.write(dir.resolve(CRL_FILE), PemFiles.crl(crl).getBytes(StandardCharsets.US_ASCII), false, true);
      return crl;
    } catch (GeneralSecurityException | CertIOException e) {
      throw PkiException.failed("cannot sign the CRL: " + e.getMessage(), e);
    }
  }

  private void writeState(CaState state) {
    SecureFiles.write(dir.resolve(STATE_FILE), state.toJson().getBytes(StandardCharsets.UTF_8), false, true);
  }

  private static void checkCrlValidity(Duration crlValidity) {
    if (crlValidity.compareTo(Duration.ofHours(1)) < 0 || crlValidity.compareTo(Duration.ofDays(365)) > 0) {
      throw PkiException.invalid("the CRL validity must be between 1 hour and 365 days, was " + crlValidity);
    }
  }

  private static KeyPair generateKeyPair(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  /** A positive, 127-bit random serial not yet used by this CA (RFC 5280: at most 20 octets). */
  private static BigInteger newSerial(SecureRandom random, CaState state) {
    while (true) {
      BigInteger serial = new BigInteger(127, random);
      if (serial.signum() > 0 && state.find(IssuedCertificate.serialHex(serial)).isEmpty()) {
        return serial;
      }
    }
  }

  private static JcaX509ExtensionUtils extensionUtils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 (for key identifiers) is not available", e);
    }
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
    } catch (OperatorCreationException e) {
      throw PkiException.failed("cannot sign with the CA key: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) {
    try {
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    } catch (GeneralSecurityException e) {
      throw PkiException.failed("cannot encode the signed certificate: " + e.getMessage(), e);
    }
  }

  /** Whether {@code key} is the private half of {@code publicKey}: signs a probe and verifies it. */
  private static boolean matches(PrivateKey key, PublicKey publicKey) {
    try {
      byte[] probe = "hitmachine pki key check".getBytes(StandardCharsets.US_ASCII);
      java.security.Signature s = java.security.Signature.getInstance(SIGNATURE_ALGORITHM);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      java.security.Signature v = java.security.Signature.getInstance(SIGNATURE_ALGORITHM);
      v.initVerify(publicKey);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
