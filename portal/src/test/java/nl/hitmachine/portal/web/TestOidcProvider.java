package nl.hitmachine.portal.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small OpenID provider for tests, on a free loopback port: discovery, an authorization endpoint
 * that signs in {@link #user} at once and redirects back with a code, a token endpoint that checks
 * the client secret, the redirect URI and the PKCE verifier and returns an RS256 ID token, and the
 * JWKS. {@link #audience} and {@link #signingKey} can be changed to make it misbehave.
 */
final class TestOidcProvider implements AutoCloseable {
  static final String CLIENT_ID = "hitmachine-portal";
  static final String CLIENT_SECRET = "portal-secret";

  record Grant(String redirectUri, String challenge, String nonce) {}

  record User(String username, String name, List<String> roles) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  final RSAKey key;
  volatile RSAKey signingKey;
  volatile String audience = CLIENT_ID;
  volatile User user = new User("a.jansen@gemeente.example", "Anna Jansen", List.of("screening"));
  final Map<String, Grant> grants = new ConcurrentHashMap<>();
  volatile int tokenRequests;

  TestOidcProvider() throws JOSEException {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    signingKey = key;
    Router router = Router.router(vertx);
    router.get("/.well-known/openid-configuration").handler(ctx -> ctx.json(new JsonObject()
        .put("issuer", issuer())
        .put("authorization_endpoint", issuer() + "/authorize")
        .put("token_endpoint", issuer() + "/token")
        .put("jwks_uri", issuer() + "/jwks")
        .put("response_types_supported", List.of("code"))
        .put("subject_types_supported", List.of("public"))
        .put("id_token_signing_alg_values_supported", List.of("RS256"))
        .put("code_challenge_methods_supported", List.of("S256"))));
    router.get("/jwks").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(new JWKSet(key.toPublicJWK()).toString()));
    router.get("/authorize").handler(ctx -> {
      var p = ctx.request().params();
      if (!CLIENT_ID.equals(p.get("client_id")) || !"code".equals(p.get("response_type"))
          || !"S256".equals(p.get("code_challenge_method")) || p.get("code_challenge") == null) {
        ctx.response().setStatusCode(400).end("bad authorization request");
        return;
      }
      String code = UUID.randomUUID().toString();
      grants.put(code, new Grant(p.get("redirect_uri"), p.get("code_challenge"), p.get("nonce")));
      ctx.redirect(p.get("redirect_uri") + "?code=" + code + "&state=" + URLEncoder.encode(p.get("state"), StandardCharsets.UTF_8));
    });
    router.post("/token").handler(BodyHandler.create(false)).handler(ctx -> {
      tokenRequests++;
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
      Grant grant = grants.remove(String.valueOf(ctx.request().getFormAttribute("code")));
      String verifier = ctx.request().getFormAttribute("code_verifier");
      if (!basic.equals(ctx.request().getHeader("Authorization")) || grant == null || verifier == null
          || !grant.redirectUri().equals(ctx.request().getFormAttribute("redirect_uri"))
          || !CodeChallenge.compute(CodeChallengeMethod.S256, new CodeVerifier(verifier)).getValue().equals(grant.challenge())) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json").end("{\"error\":\"invalid_grant\"}");
        return;
      }
      try {
        Date now = new Date();
        SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
            new JWTClaimsSet.Builder().issuer(issuer()).subject("sub-" + user.username()).audience(audience)
                .issueTime(now).expirationTime(new Date(now.getTime() + 300_000)).claim("nonce", grant.nonce())
                .claim("preferred_username", user.username()).claim("name", user.name()).claim("roles", user.roles())
                .build());
        idToken.sign(new RSASSASigner(signingKey));
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
            .end(new JsonObject().put("access_token", UUID.randomUUID().toString()).put("token_type", "Bearer")
                .put("expires_in", 300).put("id_token", idToken.serialize()).encode());
      } catch (JOSEException e) {
        ctx.fail(e);
      }
    });
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
