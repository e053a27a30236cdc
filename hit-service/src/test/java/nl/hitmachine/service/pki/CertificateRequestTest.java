package nl.hitmachine.service.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRequestTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path tmp;
  private CertificateAuthority ca;

  @BeforeEach
  void setUp() {
    ca = CertificateAuthority.init(tmp.resolve("ca"), "Test CA", 365, Duration.ofDays(7), Clock.systemUTC(), RANDOM);
  }

  @Test
  void issueClient_forARequest_certifiesItsKeyUnderTheCasSubjectAndWritesNoKey() throws Exception {
    KeyPair partner = Csrs.ecKeyPair();
    CertificateRequest request = CertificateRequest.read(
        Csrs.write(tmp.resolve("req.pem"), partner.getPublic(), partner.getPrivate(), "SHA256withECDSA"));

    CertificateBundle bundle = ca.issueClient(new ClientIdentity("om-app", "om", Optional.empty()), 30,
        Optional.of(request));

    X509Certificate cert = bundle.certificate();
    assertThat(cert.getPublicKey()).isEqualTo(partner.getPublic());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=om-app,O=om");
    assertThat(bundle.privateKey()).isEmpty();
    cert.verify(ca.certificate().getPublicKey());

    List<Path> written = BundleFiles.write(bundle, tmp.resolve("om-app"), BundleFormat.pem, new char[0], false);
    assertThat(written).containsExactly(tmp.resolve("om-app.crt.pem"));
    assertThat(tmp.resolve("om-app.key.pem")).doesNotExist();
    assertThatThrownBy(() -> BundleFiles.write(bundle, tmp.resolve("om-app2"), BundleFormat.pkcs12,
            "long enough password".toCharArray(), false))
        .isInstanceOf(PkiException.class).hasMessageContaining("--format pem");
  }

  @Test
  void read_refusesARequestWhoseSignatureDoesNotVerify() throws Exception {
    KeyPair claimed = Csrs.ecKeyPair();
    KeyPair other = Csrs.ecKeyPair();
    Path file = Csrs.write(tmp.resolve("forged.pem"), claimed.getPublic(), other.getPrivate(), "SHA256withECDSA");

    assertThatThrownBy(() -> CertificateRequest.read(file))
        .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.INVALID_INPUT))
        .hasMessageContaining("does not verify");
  }

  @Test
  void read_refusesWeakKeysAndNonRequests() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    KeyPair weak = rsa.generateKeyPair();
    Path weakFile = Csrs.write(tmp.resolve("weak.pem"), weak.getPublic(), weak.getPrivate(), "SHA256withRSA");
    assertThatThrownBy(() -> CertificateRequest.read(weakFile)).hasMessageContaining("at least 2048");

    assertThatThrownBy(() -> CertificateRequest.read(tmp.resolve("ca").resolve(CertificateAuthority.CERTIFICATE_FILE)))
        .hasMessageContaining("no PEM certificate signing request");
    assertThatThrownBy(() -> CertificateRequest.read(tmp.resolve("missing.pem")))
        .isInstanceOfSatisfying(PkiException.class, e -> assertThat(e.kind()).isEqualTo(PkiException.Kind.UNREADABLE));
  }
}
