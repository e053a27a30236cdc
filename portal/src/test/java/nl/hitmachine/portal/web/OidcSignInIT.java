package nl.hitmachine.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.OidcProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through an OpenID provider (authorization code + PKCE) against a small in-test provider
 * over real HTTP: the ID token's name becomes the signed-in person; a token for another audience,
 * signed by another key, or for a person without a portal role signs nobody in; a callback whose
 * state does not match is refused before any token request.
 */
class OidcSignInIT {
  private TestOidcProvider provider;
  private PortalServer portal;
  private HitmachineClient unused;
  private HttpClient browser;

  @BeforeEach
  void start() throws Exception {
    provider = new TestOidcProvider();
    Clock clock = Clock.system(ZoneId.of("Europe/Amsterdam"));
    unused = HitmachineClient.builder(URI.create("http://127.0.0.1:9"), "unused-token").build();
    // The portal's port must be known for the redirect URI: take a free one first.
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    OidcProvider oidc = OidcProvider.discover(new OidcProvider.Config(URI.create(provider.issuer()), TestOidcProvider.CLIENT_ID,
        TestOidcProvider.CLIENT_SECRET, URI.create("http://127.0.0.1:" + port + "/sign-in/oidc/callback"), "roles"));
    portal = PortalServer.start(
        new PortalConfig("127.0.0.1", port, false, Duration.ofMinutes(30), Duration.ofHours(8), List.of("screening")),
        new PortalServices(null, null,
            new Screening(new BsnLookup(Pseudonymiser.of(PseudonymKey.generate("k1", Clock.systemUTC(), new SecureRandom())), unused), clock),
            null, oidc),
        clock, ZoneId.of("Europe/Amsterdam"));
    browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  @AfterEach
  void stop() {
    portal.close();
    unused.close();
    provider.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portal.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signIn_throughTheProvider_makesTheTokensNameTheSignedInPerson() throws Exception {
    HttpResponse<String> signInPage = get("/sign-in");
    assertThat(signInPage.body()).contains("href=\"/sign-in/oidc\"").doesNotContain("id=\"password\"");
    HttpResponse<String> signedIn = get("/sign-in/oidc");
    assertThat(signedIn.statusCode()).isEqualTo(200);
    // A same-site navigation onwards, so that the new SameSite=Strict session cookie is sent.
    assertThat(signedIn.body()).contains("<meta http-equiv=\"refresh\" content=\"0;url=/screening\">");
    HttpResponse<String> page = get("/screening");
    assertThat(page.uri().getPath()).isEqualTo("/screening");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Ingelogd als").contains("Anna Jansen");
    assertThat(provider.tokenRequests).isEqualTo(1);
  }

  @Test
  void aTokenForAnotherAudience_signsNobodyIn() throws Exception {
    provider.audience = "another-client";
    HttpResponse<String> page = get("/sign-in/oidc");
    assertThat(page.uri().getPath()).isEqualTo("/sign-in/oidc/callback");
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(get("/screening").uri().getPath()).isEqualTo("/sign-in");
  }

  @Test
  void aTokenSignedByAnotherKey_signsNobodyIn() throws Exception {
    provider.signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    assertThat(get("/sign-in/oidc").statusCode()).isEqualTo(401);
    assertThat(get("/screening").uri().getPath()).isEqualTo("/sign-in");
  }

  @Test
  void aPersonWithoutAPortalRole_signsNobodyIn() throws Exception {
    provider.user = new TestOidcProvider.User("b.visser", "Bram Visser", List.of("other-app"));
    HttpResponse<String> page = get("/sign-in/oidc");
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("geen rol");
  }

  @Test
  void aCallbackWithAnotherState_isRefusedWithoutATokenRequest() throws Exception {
    get("/sign-in"); // a session
    HttpResponse<String> page = get("/sign-in/oidc/callback?code=stolen&state=forged");
    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(provider.tokenRequests).isZero();
  }
}
