package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.LookupResult;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.connector.cli.HitConnect;
import nl.hitmachine.service.TestPki;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditCertificate;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;
import nl.hitmachine.service.config.ClientConfig;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.ServerConfig;
import nl.hitmachine.service.config.TlsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real service on port 0 with mutual TLS (TLSv1.3 only, client certificate required, a CRL):
 * who gets through the handshake, who is mapped to which client, and what the audit log records.
 */
class MutualTlsIT {
  @TempDir static Path dir;

  static TestPki pki;
  static TestService s;
  /** The subject the development CA gives leerplicht's certificate, as the audit entry records it. */
  static final String LEERPLICHT_SUBJECT = "CN=leerplicht-connector,SERIALNUMBER=00000000000011111111,"
      + "organizationIdentifier=NTRNL-00000000000011111111,O=leerplicht";
  static TestPki.Client leerplicht;
  static TestPki.Client schuldhulp;
  static TestPki.Client politieQuerier;
  static TestPki.Client stranger;
  static TestPki.Client expired;
  static TestPki.Client revoked;
  static TestPki.Client otherCa;

  @BeforeAll
  static void start() {
    pki = TestPki.create(dir.resolve("pki"), "hitmachine");
    leerplicht = pki.client("leerplicht-connector", "leerplicht", "NTRNL-00000000000011111111");
    schuldhulp = pki.client("schuldhulp-connector", "schuldhulp", null);
    politieQuerier = pki.client("politie-querier", "politie", "NTRNL-00000000000022222222");
    stranger = pki.client("stranger", "elsewhere", null);
    expired = pki.client("leerplicht-connector", "leerplicht", "NTRNL-00000000000011111111",
        Instant.now().minus(Duration.ofDays(10)), 9); // expired a day ago
    revoked = pki.client("leerplicht-connector", "leerplicht", "NTRNL-00000000000011111111");
    otherCa = TestPki.create(dir.resolve("other"), "other")
        .client("leerplicht-connector", "leerplicht", "NTRNL-00000000000011111111");
    Path crl = pki.crl(List.of(revoked.certificate()), Duration.ofDays(7));

    TlsConfig tls = new TlsConfig(pki.serverKeyStore().toString(), pki.serverPasswordFile().toString(), null,
        pki.caFile().toString(), crl.toString(), null, null);
    HitServiceConfig c = TestService.config(dir.resolve("service"));
    List<ClientConfig> clients = List.of(
        // The subject is written in another case and the CA encodes organizationIdentifier as
        // UTF8String (the configuration parses as PrintableString): still the same name.
        new ClientConfig("leerplicht-connector", "leerplicht", List.of("connector"), List.of(),
            BearerTokenAuthenticator.sha256Hex(TestService.LEERPLICHT), null,
            "cn=leerplicht-connector, serialNumber=00000000000011111111, organizationIdentifier=NTRNL-00000000000011111111,"
                + " o=Leerplicht"),
        new ClientConfig("schuldhulp-connector", "schuldhulp", List.of("connector"), List.of(), null, null,
            schuldhulp.subject()),
        new ClientConfig("politie-querier", "politie", List.of("querier"), List.of("screening"), null,
            TestService.UNLIMITED_LOOKUPS, politieQuerier.subject()));
    HitServiceConfig withTls = new HitServiceConfig(new ServerConfig("127.0.0.1", 0, tls, null), c.storage(), c.keys(),
        c.audit(), c.limits(), c.retention(), c.lookup(), c.pseudonyms(), c.workers(), c.demo(), c.agencies(),
        c.purposes(), clients);
    s = TestService.start(dir.resolve("service"), withTls);
  }

  @AfterAll
  static void stop() {
    if (s != null) {
      s.close();
    }
  }

  @Test
  void mappedCertificate_isServed_andItsIdentityIsInTheAuditEntry() throws Exception {
    String requestId = UUID.randomUUID().toString();
    HttpResponse<String> r = send(leerplicht.sslContext(pki), "POST", "/v1/registrations", requestId, null,
        registrations(TestService.pseudonym()).encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

    AuditEntry e = entry(requestId);
    assertThat(e.clientId()).isEqualTo("leerplicht-connector");
    assertThat(e.agency()).isEqualTo("leerplicht");
    assertThat(e.outcome()).isEqualTo(AuditOutcome.OK);
    assertThat(e.certificate()).isEqualTo(new AuditCertificate(
        LEERPLICHT_SUBJECT, "NTRNL-00000000000011111111",
        sha256(leerplicht.certificate().getEncoded())));
  }

  @Test
  void noClientCertificate_failsInTheHandshake_andReachesNoHandler() {
    assertRefusedInHandshake(TestPki.sslContext(null, pki));
  }

  @Test
  void certificateOfAnUnknownCa_failsInTheHandshake() {
    assertRefusedInHandshake(otherCa.sslContext(pki));
  }

  @Test
  void expiredCertificate_failsInTheHandshake() {
    assertRefusedInHandshake(expired.sslContext(pki));
  }

  @Test
  void revokedCertificate_failsInTheHandshake() {
    assertRefusedInHandshake(revoked.sslContext(pki));
  }

  @Test
  void tls12OnlyClient_isRefused_withTheDefaultProtocols() {
    int before = AuditAssertions.entries(s).size();
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(leerplicht.sslContext(pki)).sslParameters(tls12).build();
    assertThatThrownBy(() -> client.send(request("GET", "/v1/agencies", "tls12", null, null),
        HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    assertThat(AuditAssertions.entries(s)).hasSize(before);
  }

  @Test
  void certificateOfTheTrustedCa_withAnUnmappedSubject_is401_andAuditedWithTheCertificate() throws Exception {
    String requestId = UUID.randomUUID().toString();
    HttpResponse<String> r = send(stranger.sslContext(pki), "POST", "/v1/registrations", requestId, null,
        registrations(TestService.pseudonym()).encode());
    assertThat(r.statusCode()).isEqualTo(401);

    AuditEntry e = entry(requestId);
    assertThat(e.clientId()).isNull();
    assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(e.certificate().subject()).isEqualTo("CN=stranger,O=elsewhere");
    assertThat(e.certificate().organizationIdentifier()).isNull();
    assertThat(e.certificate().sha256()).isEqualTo(sha256(stranger.certificate().getEncoded()));
  }

  @Test
  void bearerToken_isNotAccepted_whenBearerTokensAreOff() throws Exception {
    String requestId = UUID.randomUUID().toString();
    HttpResponse<String> r = send(stranger.sslContext(pki), "POST", "/v1/registrations", requestId,
        TestService.LEERPLICHT, registrations(TestService.pseudonym()).encode());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(entry(requestId).clientId()).isNull();
  }

  @Test
  void agencyACertificate_cannotRegisterAsB_itsRegistrationsLandUnderItsOwnAgency() throws Exception {
    String p = TestService.pseudonym();
    JsonObject asSchuldhulp = registrations(p);
    asSchuldhulp.getJsonArray("registrations").getJsonObject(0).put("agency", "schuldhulp");
    HttpResponse<String> refused = send(leerplicht.sslContext(pki), "POST", "/v1/registrations",
        UUID.randomUUID().toString(), null, asSchuldhulp.encode());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(seenBy(p)).isEmpty();

    String requestId = UUID.randomUUID().toString();
    assertThat(send(leerplicht.sslContext(pki), "POST", "/v1/registrations", requestId, null,
        registrations(p).encode()).statusCode()).isEqualTo(200);
    assertThat(entry(requestId).agency()).isEqualTo("leerplicht");
    assertThat(seenBy(p)).containsExactly("leerplicht");
  }

  @Test
  void connectorCertificate_cannotReadTheAuditLog_403Audited() throws Exception {
    String requestId = UUID.randomUUID().toString();
    HttpResponse<String> r = send(leerplicht.sslContext(pki), "GET", "/v1/audit/checkpoint", requestId, null, null);
    assertThat(r.statusCode()).isEqualTo(403);

    AuditEntry e = entry(requestId);
    assertThat(e.action()).isEqualTo(AuditAction.AUDIT_CHECKPOINT);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(e.clientId()).isEqualTo("leerplicht-connector");
    assertThat(e.certificate().sha256()).isEqualTo(sha256(leerplicht.certificate().getEncoded()));
  }

  @Test
  void schuldhulpCertificate_isMappedToSchuldhulp() throws Exception {
    String requestId = UUID.randomUUID().toString();
    String p = TestService.pseudonym();
    assertThat(send(schuldhulp.sslContext(pki), "POST", "/v1/registrations", requestId, null,
        registrations(p).encode()).statusCode()).isEqualTo(200);
    assertThat(entry(requestId).clientId()).isEqualTo("schuldhulp-connector");
    assertThat(seenBy(p)).containsExactly("schuldhulp");
  }

  @Test
  void connectorSdk_overMutualTls_registersAndLooksUp_withoutTokens() throws Exception {
    PseudonymKey key = PseudonymKey.generate("fed1", Clock.systemUTC(), new SecureRandom());
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.of(key));
    String p = pseudonymiser.pseudonymise(Bsn.parse("111222333"));
    URI base = URI.create("https://127.0.0.1:" + s.service.port());
    try (HitmachineClient connector = HitmachineClient.builder(base)
            .clientCertificate(leerplicht.keyStore(), TestPki.PASSWORD.clone()).trustStore(pki.caFile()).build();
        HitmachineClient querier = HitmachineClient.builder(base)
            .clientCertificate(politieQuerier.keyStore(), TestPki.PASSWORD.clone()).trustStore(pki.caFile()).build()) {
      assertThat(connector.register(List.of(Registration.of(p)))).isEqualTo(1);
      LookupResult answer = querier.lookup(LookupRequest.builder("screening", "MTLS-SDK", "test.querier").subject(p).build());
      assertThat(answer.results().get(0).known()).isTrue();
      assertThat(answer.results().get(0).agencies()).extracting(Agency::code).containsExactly("leerplicht");
    }
    try (HitmachineClient untrusted = HitmachineClient.builder(base)
        .clientCertificate(otherCa.keyStore(), TestPki.PASSWORD.clone()).trustStore(pki.caFile()).maxAttempts(1).build()) {
      assertThatThrownBy(() -> untrusted.register(List.of(Registration.of(p)))).isInstanceOf(IOException.class);
    }
  }

  @Test
  void hitconnect_overMutualTls_pushesWithClientCertificateAndNoToken() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("cli-keys"));
    PseudonymKey.generate("fed1", Clock.systemUTC(), new SecureRandom()).write(keys.resolve("fed1.key"));
    Path csv = dir.resolve("schuldhulp.csv");
    Files.writeString(csv, "BSN\n111222333\n");
    Path password = dir.resolve("client.pass");
    Files.writeString(password, new String(TestPki.PASSWORD) + "\n");
    Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));
    int before = AuditAssertions.entries(s).size();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = HitConnect.run(Clock.systemUTC(), new PrintWriter(out, true), new PrintWriter(err, true),
        "push", "--url", "https://127.0.0.1:" + s.service.port(), "--client-cert", schuldhulp.keyStore().toString(),
        "--client-cert-password-file", password.toString(), "--ca-file", pki.caFile().toString(),
        "--key-dir", keys.toString(), "--csv", csv.toString(), "--bsn-column", "BSN");
    assertThat(exit).as(err.toString()).isZero();
    AuditEntry pushed = AuditAssertions.entries(s).subList(before, AuditAssertions.entries(s).size()).stream()
        .filter(e -> e.action() == AuditAction.REGISTER).findFirst().orElseThrow();
    assertThat(pushed.clientId()).isEqualTo("schuldhulp-connector");
    assertThat(pushed.certificate().sha256()).isEqualTo(sha256(schuldhulp.certificate().getEncoded()));
  }

  @Test
  void tlsProblem_stopsStartUp_beforeAnythingIsOpened() throws Exception {
    Path other = dir.resolve("refused");
    Path openPassword = other.resolve("server.pass");
    Files.createDirectories(other);
    Files.writeString(openPassword, new String(TestPki.PASSWORD) + "\n");
    Files.setPosixFilePermissions(openPassword, PosixFilePermissions.fromString("rw-r--r--"));
    HitServiceConfig c = TestService.config(other);
    TlsConfig tls = new TlsConfig(pki.serverKeyStore().toString(), openPassword.toString(), null,
        pki.caFile().toString(), null, null, null);
    HitServiceConfig refused = new HitServiceConfig(new ServerConfig("127.0.0.1", 0, tls, true), c.storage(), c.keys(),
        c.audit(), c.limits(), c.retention(), c.lookup(), c.pseudonyms(), c.workers(), c.demo(), c.agencies(),
        c.purposes(), c.clients());
    assertThatThrownBy(() -> TestService.start(other, refused)).hasMessageContaining("chmod 600")
        .hasMessageNotContaining(new String(TestPki.PASSWORD));
    assertThat(other.resolve("data")).doesNotExist();
  }

  /** The agency codes the politie querier is told for {@code p}. */
  private static List<String> seenBy(String p) throws Exception {
    JsonObject lookup = new JsonObject().put("purpose", "screening").put("caseRef", "MTLS-1")
        .put("requestedBy", "test.querier").put("subjects", new JsonArray().add(p));
    HttpResponse<String> r = send(politieQuerier.sslContext(pki), "POST", "/v1/lookups", UUID.randomUUID().toString(),
        null, lookup.encode());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray agencies = new JsonObject(r.body()).getJsonArray("results").getJsonObject(0).getJsonArray("agencies");
    return agencies.stream().map(a -> ((JsonObject) a).getString("code")).toList();
  }

  private static void assertRefusedInHandshake(SSLContext context) {
    int before = AuditAssertions.entries(s).size();
    assertThatThrownBy(() -> send(context, "POST", "/v1/registrations", UUID.randomUUID().toString(), null,
        registrations(TestService.pseudonym()).encode())).isInstanceOf(IOException.class);
    assertThat(AuditAssertions.entries(s)).as("nothing reached a handler").hasSize(before);
  }

  private static JsonObject registrations(String subject) {
    return new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", subject)));
  }

  private static HttpResponse<String> send(SSLContext context, String method, String path, String requestId,
      String token, String body) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context).build();
    return client.send(request(method, path, requestId, token, body), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String method, String path, String requestId, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.service.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("X-Request-Id", requestId);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private static AuditEntry entry(String requestId) {
    return AuditAssertions.entries(s).stream().filter(e -> e.requestId().equals(requestId)).findFirst()
        .orElseThrow(() -> new AssertionError("no audit entry for request " + requestId));
  }

  private static String sha256(byte[] der) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
  }
}
