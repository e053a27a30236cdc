package nl.hitmachine.service.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import nl.hitmachine.service.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthenticatorTest {
  @TempDir static Path dir;
  static TestPki pki;
  static TestPki.Client leerplicht;
  static TestPki.Client stranger;

  static final Principal LEERPLICHT = new Principal("leerplicht-connector", "leerplicht", Set.of(Role.CONNECTOR), Set.of());
  static final Principal SCHULDHULP = new Principal("schuldhulp-connector", "schuldhulp", Set.of(Role.CONNECTOR), Set.of());

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, "ca");
    leerplicht = pki.client("leerplicht-connector", "leerplicht", "NTRNL-00000000000011111111");
    stranger = pki.client("stranger", "elsewhere", null);
  }

  private static CertificateAuthenticator certificates() {
    return new CertificateAuthenticator(Map.of(
        DistinguishedNames.parse("CN=Leerplicht-Connector, SERIALNUMBER=00000000000011111111,"
            + " organizationIdentifier=ntrnl-00000000000011111111, O=LEERPLICHT"),
        LEERPLICHT));
  }

  @Test
  void mappedSubject_isItsClient_whateverTheCaseAndStringTypeOfTheConfiguredName() {
    assertThat(certificates().authenticate(new Credentials(null, leerplicht.certificate()))).contains(LEERPLICHT);
  }

  @Test
  void unmappedSubject_orNoCertificate_provesNothing() {
    assertThat(certificates().authenticate(new Credentials(null, stranger.certificate()))).isEmpty();
    assertThat(certificates().authenticate(new Credentials("token"))).isEmpty();
  }

  @Test
  void rdnOrder_matters() {
    CertificateAuthenticator reversed = new CertificateAuthenticator(Map.of(
        DistinguishedNames.parse("O=leerplicht,organizationIdentifier=NTRNL-00000000000011111111,SERIALNUMBER=00000000000011111111,"
            + "CN=leerplicht-connector"),
        LEERPLICHT));
    assertThat(reversed.authenticate(new Credentials(null, leerplicht.certificate()))).isEmpty();
  }

  @Test
  void sameSubjectForTwoClients_isRefused() {
    assertThatThrownBy(() -> new CertificateAuthenticator(Map.of(
        DistinguishedNames.parse("CN=a,O=B"), LEERPLICHT, DistinguishedNames.parse("cn=A,o=b"), SCHULDHULP)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identity_namesSubjectOrganizationIdentifierAndFingerprint() throws Exception {
    CertificateIdentity id = CertificateIdentity.of(leerplicht.certificate());
    // serialNumber (where PKIoverheid carries the OIN) is named, like organizationIdentifier
    assertThat(id.subject()).isEqualTo("CN=leerplicht-connector,SERIALNUMBER=00000000000011111111,"
        + "organizationIdentifier=NTRNL-00000000000011111111,O=leerplicht");
    assertThat(id.organizationIdentifier()).isEqualTo("NTRNL-00000000000011111111");
    assertThat(id.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(leerplicht.certificate().getEncoded())));
    assertThat(CertificateIdentity.of(stranger.certificate()).organizationIdentifier()).isNull();
  }

  @Test
  void precedence_mappedCertificateWins_tokenOnlyWhenNoCertificateMapsAndTokensAreOn() {
    BearerTokenAuthenticator tokens = new BearerTokenAuthenticator(
        Map.of(BearerTokenAuthenticator.sha256Hex("schuldhulp-token"), SCHULDHULP));
    Authenticator both = new CertificateFirstAuthenticator(certificates(), tokens);
    Authenticator certificatesOnly = new CertificateFirstAuthenticator(certificates(), null);

    assertThat(both.authenticate(new Credentials("schuldhulp-token", leerplicht.certificate()))).contains(LEERPLICHT);
    assertThat(both.authenticate(new Credentials("schuldhulp-token", stranger.certificate()))).contains(SCHULDHULP);
    assertThat(both.authenticate(new Credentials("schuldhulp-token"))).contains(SCHULDHULP);
    assertThat(certificatesOnly.authenticate(new Credentials("schuldhulp-token", stranger.certificate()))).isEmpty();
    assertThat(certificatesOnly.authenticate(new Credentials("schuldhulp-token"))).isEmpty();
    assertThat(certificatesOnly.authenticate(new Credentials(null, leerplicht.certificate()))).contains(LEERPLICHT);
  }

  @Test
  void credentials_toString_hidesTheToken() {
    assertThat(new Credentials("s3cret", leerplicht.certificate()).toString())
        .doesNotContain("s3cret").contains("CN=leerplicht-connector");
  }
}
