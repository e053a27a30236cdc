package nl.hitmachine.service.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import nl.hitmachine.service.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String OIN = "NTRNL-00000001002220647000";
  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  @TempDir Path tmp;
  private Path caDir;
  private Instant now;
  private MutableClock clock;
  private CertificateAuthority ca;

  @BeforeEach
  void setUp() {
    caDir = tmp.resolve("ca");
    now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    clock = new MutableClock(now, ZoneOffset.UTC);
    ca = CertificateAuthority.init(caDir, CertificateAuthority.DEFAULT_NAME, 3650, Duration.ofDays(7), clock, RANDOM);
  }

  private X509CRL crl() throws Exception {
    return Pkix.readCrl(caDir.resolve(CertificateAuthority.CRL_FILE));
  }

  @Test
  void init_writesP256RootWithPathLenZeroAndPrivateKeyFile() throws Exception {
    X509Certificate root = Pkix.readCertificate(caDir.resolve(CertificateAuthority.CERTIFICATE_FILE));
    assertThat(root).isEqualTo(ca.certificate());
    root.verify(root.getPublicKey());
    assertThat(root.getSubjectX500Principal()).isEqualTo(new X500Principal("CN=Hitmachine development CA"));
    assertThat(root.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(((ECPublicKey) root.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    assertThat(root.getBasicConstraints()).isEqualTo(0);
    boolean[] keyUsage = root.getKeyUsage();
    assertThat(keyUsage[5]).as("keyCertSign").isTrue();
    assertThat(keyUsage[6]).as("cRLSign").isTrue();
    assertThat(keyUsage[0]).as("digitalSignature").isFalse();
    assertThat(root.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
    assertThat(root.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(3650)));

    Path keyFile = caDir.resolve(CertificateAuthority.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(caDir))).isEqualTo("rwx------");

    X509CRL crl = crl();
    crl.verify(root.getPublicKey());
    assertThat(crl.getRevokedCertificates()).isNull();
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(ca.issued()).isEmpty();
  }

  @Test
  void init_onExistingCa_isRefusedAndLeavesItAlone() throws Exception {
    byte[] key = Files.readAllBytes(caDir.resolve(CertificateAuthority.KEY_FILE));
    assertThatThrownBy(() -> CertificateAuthority.init(caDir, "Other", 10, Duration.ofDays(7), clock, RANDOM))
        .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.FAILED))
        .hasMessageContaining("already holds a CA");
    assertThat(Files.readAllBytes(caDir.resolve(CertificateAuthority.KEY_FILE))).isEqualTo(key);
  }

  @Test
  void issueServer_givesServerAuthWithSansThatValidatesAgainstTheCaAndCrl() throws Exception {
    CertificateBundle bundle = ca.issueServer(
        new ServerIdentity(List.of("hit.example.nl", "LOCALHOST"), List.of("127.0.0.1", "::1")), 397);
    X509Certificate cert = bundle.certificate();

    assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
        List.of(2, "hit.example.nl"), List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isFalse();
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(now.minus(CertificateAuthority.BACKDATE));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(397)));
    assertThat(bundle.chain()).containsExactly(cert, ca.certificate());
    assertThat(bundle.toString()).contains("private key withheld").doesNotContain(bundle.privateKey().orElseThrow().toString());

    Pkix.validate(cert, ca.certificate(), crl(), now);

    IssuedCertificate entry = ca.issued().getFirst();
    assertThat(entry).isEqualTo(bundle.issued());
    assertThat(entry.serialNumber()).isEqualTo(cert.getSerialNumber());
    assertThat(entry.kind()).isEqualTo(CertificateKind.SERVER);
    assertThat(entry.sha256()).isEqualTo(IssuedCertificate.sha256(cert)).hasSize(64);
    assertThat(entry.status(now)).isEqualTo(IssuedCertificate.Status.valid);
  }

  @Test
  void issueClient_carriesClientIdAgencyAndOrganisationIdentifier() throws Exception {
    CertificateBundle bundle = ca.issueClient(new ClientIdentity("wijkteam-app", "wijkteam", Optional.of(OIN)), 30);
    X509Certificate cert = bundle.certificate();

    assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    assertThat(cert.getSubjectX500Principal().getName(X500Principal.RFC2253,
            Map.of("2.5.4.97", "organizationIdentifier", "2.5.4.5", "serialNumber")))
        .isEqualTo("CN=wijkteam-app,serialNumber=00000001002220647000,organizationIdentifier=" + OIN + ",O=wijkteam");
    assertThat(bundle.issued().subject()).contains("CN=wijkteam-app", "O=wijkteam", OIN);
    assertThat(bundle.alias()).isEqualTo("wijkteam-app");
    Pkix.validate(cert, ca.certificate(), crl(), now);
  }

  @Test
  void revoke_listsTheSerialInASignedCrl_andPkixRefusesItAsRevoked() throws Exception {
    CertificateBundle kept = ca.issueClient(new ClientIdentity("leerplicht-app", "leerplicht", Optional.empty()), 397);
    CertificateBundle lost = ca.issueClient(new ClientIdentity("schuldhulp-app", "schuldhulp", Optional.empty()), 397);
    clock.advance(Duration.ofHours(1));

    IssuedCertificate revoked = ca.revoke(lost.issued().serial().toUpperCase(), RevocationReason.keyCompromise,
        Duration.ofDays(2));

    assertThat(revoked.revokedAt()).contains(now.plus(Duration.ofHours(1)));
    assertThat(revoked.status(clock.instant())).isEqualTo(IssuedCertificate.Status.revoked);
    X509CRL crl = crl();
    crl.verify(ca.certificate().getPublicKey());
    assertThat(crl.getRevokedCertificates()).hasSize(1);
    assertThat(crl.getRevokedCertificate(lost.certificate().getSerialNumber()).getRevocationReason())
        .isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
    assertThat(crl.getNextUpdate().toInstant()).isEqualTo(clock.instant().plus(Duration.ofDays(2)));

    // the JDK counts a certificate as revoked from the second after its revocation date
    Instant later = clock.instant().plusSeconds(1);
    Pkix.validate(kept.certificate(), ca.certificate(), crl, later);
    assertThatThrownBy(() -> Pkix.validate(lost.certificate(), ca.certificate(), crl, later))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(BasicReason.REVOKED));

    assertThatThrownBy(() -> ca.revoke(lost.issued().serial(), RevocationReason.superseded, Duration.ofDays(7)))
        .isInstanceOf(PkiException.class).hasMessageContaining("already revoked");
    assertThat(ca.issued()).extracting(c -> c.status(clock.instant()))
        .containsExactly(IssuedCertificate.Status.valid, IssuedCertificate.Status.revoked);
  }

  @Test
  void crl_isReissuedWithAHigherNumberAndStillListsRevocations() throws Exception {
    CertificateBundle lost = ca.issueClient(new ClientIdentity("om-app", "om", Optional.empty()), 397);
    ca.revoke(lost.issued().serial(), RevocationReason.cessationOfOperation, Duration.ofDays(7));
    long before = crlNumber(crl());
    clock.advance(Duration.ofDays(6));

    X509CRL fresh = ca.publishCrl(Duration.ofDays(7));

    assertThat(crl()).isEqualTo(fresh);
    assertThat(crlNumber(fresh)).isEqualTo(before + 1);
    assertThat(fresh.isRevoked(lost.certificate())).isTrue();
    assertThat(fresh.getThisUpdate().toInstant()).isEqualTo(clock.instant());
  }

  private static long crlNumber(X509CRL crl) {
    byte[] ext = crl.getExtensionValue("2.5.29.20"); // OCTET STRING { INTEGER }
    return new java.math.BigInteger(java.util.Arrays.copyOfRange(ext, 4, ext.length)).longValueExact();
  }

  @Test
  void expiredCertificate_isRefusedByPkix() throws Exception {
    MutableClock past = new MutableClock(now.minus(Duration.ofDays(30)), ZoneOffset.UTC);
    CertificateAuthority older = CertificateAuthority.init(tmp.resolve("older"), "Older CA", 3650, Duration.ofDays(7),
        past, RANDOM);
    CertificateBundle old = older.issueClient(new ClientIdentity("old-app", "wijkteam", Optional.empty()), 1);
    X509CRL atIssue = Pkix.readCrl(tmp.resolve("older").resolve(CertificateAuthority.CRL_FILE));
    Pkix.validate(old.certificate(), older.certificate(), atIssue, past.instant()); // valid when issued
    past.advance(Duration.ofDays(30));
    X509CRL current = older.publishCrl(Duration.ofDays(7));

    assertThat(older.issued().getFirst().status(now)).isEqualTo(IssuedCertificate.Status.expired);
    assertThatThrownBy(() -> Pkix.validate(old.certificate(), older.certificate(), current, now))
        .isInstanceOfSatisfying(CertPathValidatorException.class,
            e -> assertThat(e.getReason()).isEqualTo(BasicReason.EXPIRED));
  }

  @Test
  void issue_refusesValidityBeyondLimitsOrTheCa() {
    assertThatThrownBy(() -> ca.issueServer(new ServerIdentity(List.of("a.example"), List.of()), 398))
        .isInstanceOf(PkiException.class).hasMessageContaining("between 1 and 397");
    CertificateAuthority shortCa = CertificateAuthority.init(tmp.resolve("short"), "Short", 10, Duration.ofDays(7),
        clock, RANDOM);
    assertThatThrownBy(() -> shortCa.issueServer(new ServerIdentity(List.of("a.example"), List.of()), 30))
        .isInstanceOf(PkiException.class).hasMessageContaining("outlive the CA");
    assertThat(shortCa.issued()).isEmpty();
  }

  @Test
  void open_refusesAKeyFileReadableByOthers_andAKeyOfAnotherCa() throws Exception {
    Path keyFile = caDir.resolve(CertificateAuthority.KEY_FILE);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> CertificateAuthority.open(caDir, clock, RANDOM))
        .isInstanceOf(PkiException.class).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

    CertificateAuthority.init(tmp.resolve("other"), "Other", 10, Duration.ofDays(7), clock, RANDOM);
    Files.copy(tmp.resolve("other").resolve(CertificateAuthority.KEY_FILE), keyFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> CertificateAuthority.open(caDir, clock, RANDOM))
        .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.UNREADABLE))
        .hasMessageContaining("does not belong to");
  }

  @Test
  void open_readsTheStateWrittenBefore() {
    CertificateBundle issued = ca.issueClient(new ClientIdentity("regieteam-app", "regieteam", Optional.of(OIN)), 90);
    ca.revoke(issued.issued().serial(), RevocationReason.superseded, Duration.ofDays(7));

    CertificateAuthority reopened = CertificateAuthority.open(caDir, Clock.systemUTC(), RANDOM);

    assertThat(reopened.certificate()).isEqualTo(ca.certificate());
    assertThat(reopened.issued()).singleElement().satisfies(c -> {
      assertThat(c.serial()).isEqualTo(issued.issued().serial());
      assertThat(c.revocationReason()).contains(RevocationReason.superseded);
      assertThat(c.subject()).isEqualTo(issued.issued().subject());
    });
  }

  @Test
  void bundleFiles_writePemWithPrivateKeyFileAndPkcs12ThatTheJdkLoads() throws Exception {
    CertificateBundle bundle = ca.issueClient(new ClientIdentity("wijkteam-app", "wijkteam", Optional.empty()), 30);
    Path pemBase = tmp.resolve("out/wijkteam-app");
    List<Path> pem = BundleFiles.write(bundle, pemBase, BundleFormat.pem, new char[0], false);
    assertThat(pem).containsExactly(tmp.resolve("out/wijkteam-app.crt.pem"), tmp.resolve("out/wijkteam-app.key.pem"));
    assertThat(Pkix.readCertificates(pem.get(0))).containsExactly(bundle.certificate(), ca.certificate());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem.get(1)))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem.get(0)))).isEqualTo("rw-r--r--");
    assertThat(PemFiles.readPrivateKey(pem.get(1))).isEqualTo(bundle.privateKey().orElseThrow());

    Path p12 = BundleFiles.write(bundle, pemBase, BundleFormat.pkcs12, PASSWORD, false).getFirst();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p12))).isEqualTo("rw-------");
    KeyStore store = Pkix.loadPkcs12(p12, PASSWORD);
    assertThat(store.getKey("wijkteam-app", PASSWORD)).isEqualTo(bundle.privateKey().orElseThrow());
    assertThat(store.getCertificateChain("wijkteam-app")).containsExactly(bundle.certificate(), ca.certificate());
    assertThatThrownBy(() -> Pkix.loadPkcs12(p12, "wrong password!".toCharArray()))
        .isInstanceOf(java.io.IOException.class);

    assertThatThrownBy(() -> BundleFiles.write(bundle, pemBase, BundleFormat.pem, new char[0], false))
        .isInstanceOf(PkiException.class).hasMessageContaining("already exists").hasMessageContaining("--force");
    BundleFiles.write(bundle, pemBase, BundleFormat.pem, new char[0], true);
    assertThat(tmp.resolve("out")).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
  }

  @Test
  void identities_refuseBadInputWithMessagesNamingTheOption() {
    assertThatThrownBy(() -> new ClientIdentity("Wijkteam App", "wijkteam", Optional.empty()))
        .hasMessageContaining("--client-id");
    assertThatThrownBy(() -> new ClientIdentity("app", "wijk_team", Optional.empty()))
        .hasMessageContaining("--agency");
    assertThatThrownBy(() -> new ClientIdentity("app", "wijkteam", Optional.of("NTRNL-123")))
        .hasMessageContaining("20-digit OIN");
    assertThatThrownBy(() -> new ServerIdentity(List.of("bad_host.example"), List.of())).hasMessageContaining("--dns");
    assertThatThrownBy(() -> new ServerIdentity(List.of(), List.of())).hasMessageContaining("--dns");
    assertThatThrownBy(() -> new ServerIdentity(List.of("a.example"), List.of("999.1.1.1"))).hasMessageContaining("--ip");
    assertThatThrownBy(() -> new ServerIdentity(List.of("a.example"), List.of("fe80::zz"))).hasMessageContaining("--ip");
    assertThat(new ServerIdentity(List.of("*.example.nl"), List.of("10.0.0.1", "2001:db8::1")).ipAddresses())
        .hasSize(2);
    assertThatThrownBy(() -> IssuedCertificate.normaliseSerial("xyz")).hasMessageContaining("--serial");
    assertThat(IssuedCertificate.normaliseSerial("0x00:AB:cd")).isEqualTo("abcd");
  }
}
