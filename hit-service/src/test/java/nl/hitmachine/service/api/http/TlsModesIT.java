package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nl.hitmachine.service.TestPki;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.config.ClientConfig;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.ServerConfig;
import nl.hitmachine.service.config.TlsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The other TLS set-ups: TLS with bearer tokens only, and mutual TLS with bearer tokens enabled. */
class TlsModesIT {
  @TempDir Path dir;

  @Test
  void tlsWithoutClientCertificates_acceptsTokens_andTls12WhenConfigured() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"), "ca");
    TlsConfig tls = new TlsConfig(pki.serverKeyStore().toString(), pki.serverPasswordFile().toString(), null, null, null,
        List.of("TLSv1.3", "TLSv1.2"), TlsConfig.CLIENT_AUTH_NONE);
    try (TestService s = start(dir.resolve("service"), new ServerConfig("127.0.0.1", 0, tls, true), null)) {
      SSLParameters tls12 = new SSLParameters();
      tls12.setProtocols(new String[] {"TLSv1.2"});
      String requestId = UUID.randomUUID().toString();
      HttpResponse<String> r = send(s, TestPki.sslContext(null, pki), tls12, requestId, TestService.LEERPLICHT);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      AuditEntry e = entry(s, requestId);
      assertThat(e.clientId()).isEqualTo("leerplicht-connector");
      assertThat(e.certificate()).isNull();
    }
  }

  @Test
  void mutualTlsWithBearerTokensOn_tokenCountsOnlyWhenTheCertificateMapsToNoClient() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"), "ca");
    TestPki.Client mapped = pki.client("schuldhulp-connector", "schuldhulp", null);
    TestPki.Client gateway = pki.client("gateway", "leerplicht", null);
    TlsConfig tls = new TlsConfig(pki.serverKeyStore().toString(), pki.serverPasswordFile().toString(), null,
        pki.caFile().toString(), null, null, null);
    try (TestService s = start(dir.resolve("service"), new ServerConfig("127.0.0.1", 0, tls, true),
        mapped.subject())) {
      // An unmapped certificate with leerplicht's token: the token's client, the certificate audited.
      String viaToken = UUID.randomUUID().toString();
      assertThat(send(s, gateway.sslContext(pki), null, viaToken, TestService.LEERPLICHT).statusCode()).isEqualTo(200);
      AuditEntry e = entry(s, viaToken);
      assertThat(e.clientId()).isEqualTo("leerplicht-connector");
      assertThat(e.certificate().subject()).isEqualTo("CN=gateway,O=leerplicht");

      // A mapped certificate wins over a token of another client.
      String viaCertificate = UUID.randomUUID().toString();
      assertThat(send(s, mapped.sslContext(pki), null, viaCertificate, TestService.LEERPLICHT).statusCode()).isEqualTo(200);
      assertThat(entry(s, viaCertificate).clientId()).isEqualTo("schuldhulp-connector");
    }
  }

  /** The test service with {@code server}; {@code schuldhulpSubject} maps schuldhulp-connector's certificate. */
  private static TestService start(Path dir, ServerConfig server, String schuldhulpSubject) {
    HitServiceConfig c = TestService.config(dir);
    List<ClientConfig> clients = c.clients().stream()
        .map(client -> schuldhulpSubject != null && client.id().equals("schuldhulp-connector")
            ? new ClientConfig(client.id(), client.agency(), client.roles(), client.purposes(), client.tokenSha256(),
                client.lookupLimits(), schuldhulpSubject)
            : client)
        .toList();
    return TestService.start(dir, new HitServiceConfig(server, c.storage(), c.keys(), c.audit(), c.limits(), c.retention(),
        c.lookup(), c.pseudonyms(), c.workers(), c.demo(), c.agencies(), c.purposes(), clients));
  }

  private static HttpResponse<String> send(TestService s, SSLContext context, SSLParameters parameters, String requestId,
      String token) throws Exception {
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context);
    if (parameters != null) {
      client.sslParameters(parameters);
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + s.service.port() + "/v1/registrations"))
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"registrations\":[{\"subject\":\"" + TestService.pseudonym() + "\"}]}"))
        .header("Content-Type", "application/json")
        .header("X-Request-Id", requestId)
        .header("Authorization", "Bearer " + token)
        .build();
    return client.build().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static AuditEntry entry(TestService s, String requestId) {
    return AuditAssertions.entries(s).stream().filter(e -> e.requestId().equals(requestId)).findFirst()
        .orElseThrow(() -> new AssertionError("no audit entry for request " + requestId));
  }
}
