package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.LookupResult;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.config.ClientConfig;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.ServerConfig;
import nl.hitmachine.service.config.TlsConfig;
import nl.hitmachine.service.pki.cli.PkiCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator flow of docs/pki.md end to end: the real {@code pki} CLI creates a CA and issues
 * hit-service's server certificate and two agency systems' client certificates (PKCS#12),
 * hit-service runs mutual TLS with them, the real connector SDK registers (leerplicht's connector)
 * and looks up (politie's querier) with them, and after {@code pki revoke} of the connector's
 * certificate and a restart with the new CRL that certificate is refused in the handshake while a
 * renewed one works.
 */
class DevCaMutualTlsE2EIT {
  private static final String PASSWORD = "agency system p12 password";
  private static final String LEERPLICHT_OIN = "00000001002220647000";
  private static final String POLITIE_OIN = "00000001003214345000";
  /** As an operator writes them in {@code clients[].certificateSubject} for what issue-client made. */
  private static final String LEERPLICHT_SUBJECT = "CN=leerplicht-app,SERIALNUMBER=" + LEERPLICHT_OIN
      + ",organizationIdentifier=NTRNL-" + LEERPLICHT_OIN + ",O=leerplicht";
  private static final String POLITIE_SUBJECT = "CN=politie-app,SERIALNUMBER=" + POLITIE_OIN
      + ",organizationIdentifier=NTRNL-" + POLITIE_OIN + ",O=politie";
  private static final Pattern SERIAL = Pattern.compile("serial:\\s+([0-9a-f]+)");
  private static final Pattern CONFIG_SUBJECT = Pattern.compile("certificateSubject \\(.*\\): (.+)");

  /**
   * The CLI's clock runs a minute behind: the JDK counts a certificate as revoked only after its
   * revocation date, and the refusal below must not depend on how fast the test runs.
   */
  private final Clock cliClock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1));
  private final Map<String, String> env = Map.of("HITMACHINE_PKI_PASSWORD", PASSWORD);

  @TempDir Path dir;

  @Test
  void cliIssuedCertificates_serveTheSdk_untilTheClientCertificateIsRevoked() throws Exception {
    Path ca = dir.resolve("dev-ca");
    Path certs = Files.createDirectories(dir.resolve("certs"));
    pki("init", "--ca-dir", ca.toString(), "--name", "E2E development CA");
    pki("issue-server", "--ca-dir", ca.toString(), "--dns", "localhost", "--ip", "127.0.0.1", "--format", "pkcs12",
        "--out", certs.resolve("hit-service").toString());
    Path connectorP12 = certs.resolve("leerplicht-app.p12");
    String serial = issueClient("leerplicht-app", "leerplicht", LEERPLICHT_OIN, certs.resolve("leerplicht-app"),
        LEERPLICHT_SUBJECT);
    assertThat(serial).isEqualTo(certificate(connectorP12).getSerialNumber().toString(16));
    Path querierP12 = certs.resolve("politie-app.p12");
    issueClient("politie-app", "politie", POLITIE_OIN, certs.resolve("politie-app"), POLITIE_SUBJECT);

    // hit-service's TLS files, copied from the CA host as the operator would
    Path tls = Files.createDirectories(dir.resolve("service-tls"));
    Files.copy(certs.resolve("hit-service.p12"), tls.resolve("hit-service.p12"));
    Files.copy(ca.resolve("ca.crt.pem"), tls.resolve("ca.crt.pem"));
    Files.copy(ca.resolve("crl.pem"), tls.resolve("crl.pem"));
    Path serverPassword = tls.resolve("hit-service.pass");
    Files.writeString(serverPassword, PASSWORD + "\n");
    Files.setPosixFilePermissions(serverPassword, PosixFilePermissions.fromString("rw-------"));

    String p = Pseudonymiser.of(PseudonymKeyRing.of(PseudonymKey.generate("fed1", Clock.systemUTC(), new SecureRandom())))
        .pseudonymise(Bsn.parse("111222333"));
    try (TestService s = start(tls)) {
      try (HitmachineClient connector = sdk(s, connectorP12, ca); HitmachineClient querier = sdk(s, querierP12, ca)) {
        assertThat(connector.register(List.of(Registration.of(p)))).isEqualTo(1);
        AuditEntry registered = AuditAssertions.last(s);
        assertThat(registered.clientId()).isEqualTo("leerplicht-app");
        assertThat(registered.certificate().organizationIdentifier()).isEqualTo("NTRNL-" + LEERPLICHT_OIN);
        assertThat(registered.certificate().subject()).isEqualTo(LEERPLICHT_SUBJECT);

        LookupResult answer = querier.lookup(LookupRequest.builder("screening", "E2E-1", "test.querier").subject(p).build());
        assertThat(answer.results().get(0).known()).isTrue();
        assertThat(answer.results().get(0).agencies()).extracting(Agency::code).containsExactly("leerplicht");
        assertThat(AuditAssertions.last(s).clientId()).isEqualTo("politie-app");
      }
    }

    String revoked = pki("revoke", "--ca-dir", ca.toString(), "--serial", serial, "--reason", "keyCompromise");
    assertThat(revoked).contains(serial);
    Files.copy(ca.resolve("crl.pem"), tls.resolve("crl.pem"), StandardCopyOption.REPLACE_EXISTING);
    // the renewal: a new certificate for the same system, same subject
    Path renewedP12 = certs.resolve("leerplicht-app-2.p12");
    issueClient("leerplicht-app", "leerplicht", LEERPLICHT_OIN, certs.resolve("leerplicht-app-2"), LEERPLICHT_SUBJECT);

    try (TestService s = start(tls)) {
      int before = AuditAssertions.entries(s).size();
      try (HitmachineClient client = sdk(s, connectorP12, ca)) {
        assertThatThrownBy(() -> client.register(List.of(Registration.of(p)))).isInstanceOf(IOException.class);
      }
      assertThat(AuditAssertions.entries(s)).as("the revoked certificate reached no handler").hasSize(before);

      try (HitmachineClient client = sdk(s, renewedP12, ca)) {
        assertThat(client.register(List.of(Registration.of(p)))).isEqualTo(1);
      }
      assertThat(AuditAssertions.last(s).clientId()).isEqualTo("leerplicht-app");
    }
  }

  /**
   * Runs {@code pki issue-client} as PKCS#12 to {@code out}; checks that the certificateSubject it
   * prints is what the configuration maps (the operator copies that line); returns the serial.
   */
  private String issueClient(String clientId, String agency, String oin, Path out, String configuredSubject) {
    String printed = pki("issue-client", "--ca-dir", dir.resolve("dev-ca").toString(), "--client-id", clientId,
        "--agency", agency, "--organisation-identifier", "NTRNL-" + oin, "--format", "pkcs12", "--out", out.toString());
    Matcher subject = CONFIG_SUBJECT.matcher(printed);
    assertThat(subject.find()).as(printed).isTrue();
    assertThat(subject.group(1).strip()).isEqualTo(configuredSubject);
    Matcher m = SERIAL.matcher(printed);
    assertThat(m.find()).as(printed).isTrue();
    return m.group(1);
  }

  /** Runs the pki CLI, expecting success; returns what it printed. */
  private String pki(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = PkiCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env, cliClock);
    assertThat(exit).as("pki %s: %s", args[0], err).isZero();
    assertThat(out.toString()).doesNotContain(PASSWORD);
    return out.toString();
  }

  private TestService start(Path tls) {
    TlsConfig tlsConfig = new TlsConfig(tls.resolve("hit-service.p12").toString(),
        tls.resolve("hit-service.pass").toString(), null, tls.resolve("ca.crt.pem").toString(),
        tls.resolve("crl.pem").toString(), null, null);
    Path service = dir.resolve("service");
    HitServiceConfig c = TestService.config(service);
    List<ClientConfig> clients = List.of(
        new ClientConfig("leerplicht-app", "leerplicht", List.of("connector"), List.of(), null, null, LEERPLICHT_SUBJECT),
        new ClientConfig("politie-app", "politie", List.of("querier"), List.of("screening"), null,
            TestService.UNLIMITED_LOOKUPS, POLITIE_SUBJECT));
    HitServiceConfig withTls = new HitServiceConfig(new ServerConfig("127.0.0.1", 0, tlsConfig, null), c.storage(),
        c.keys(), c.audit(), c.limits(), c.retention(), c.lookup(), c.pseudonyms(), c.workers(), c.demo(), c.agencies(),
        c.purposes(), clients);
    return TestService.start(service, withTls);
  }

  private static HitmachineClient sdk(TestService s, Path p12, Path ca) {
    return HitmachineClient.builder(URI.create("https://127.0.0.1:" + s.service.port()))
        .clientCertificate(p12, PASSWORD.toCharArray()).trustStore(ca.resolve("ca.crt.pem")).maxAttempts(1).build();
  }

  private static X509Certificate certificate(Path p12) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return (X509Certificate) store.getCertificate(store.aliases().nextElement());
  }
}
