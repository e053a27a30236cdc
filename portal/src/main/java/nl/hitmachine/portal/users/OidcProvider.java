package nl.hitmachine.portal.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Sign-in through the partner's own identity provider: OpenID Connect authorization code flow with
 * PKCE (S256), state and nonce, a confidential client ({@code client_secret_basic}), the ID token's
 * signature (RS256, the provider's JWKS), issuer, audience, expiry and nonce checked by the Nimbus
 * OAuth 2.0 / OpenID Connect SDK. The person's {@code name} (else {@code preferred_username}) becomes
 * {@code requestedBy}; their portal roles come from a claim ({@code roles} by default) holding
 * {@code screening} and/or {@code privacy}. Blocking (discovery, token exchange, JWKS): call on a
 * worker thread.
 */
public final class OidcProvider {
  /**
   * How the portal is registered at the identity provider.
   *
   * @param issuer the provider's issuer URL (its discovery document is fetched from it)
   * @param clientId the portal's client id
   * @param clientSecret the portal's client secret
   * @param redirectUri the portal's callback, {@code https://…/sign-in/oidc/callback}
   * @param rolesClaim the ID token claim with the portal roles
   */
  public record Config(URI issuer, String clientId, String clientSecret, URI redirectUri, String rolesClaim) {
    public Config {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(redirectUri, "redirectUri");
      rolesClaim = rolesClaim == null ? "roles" : rolesClaim;
    }

    @Override
    public String toString() {
      return "Config[" + issuer + ", " + clientId + ", secret redacted, " + redirectUri + ", " + rolesClaim + "]";
    }
  }

  /**
   * What a sign-in started with, kept by the portal until the provider redirects back.
   *
   * @param state the OAuth state (also the key under which the portal keeps this)
   * @param nonce the ID token nonce
   * @param codeVerifier the PKCE verifier
   * @param authorizationUri where to send the browser
   */
  public record Pending(String state, String nonce, String codeVerifier, URI authorizationUri) {
    @Override
    public String toString() {
      return "Pending[redacted]";
    }
  }

  /** The sign-in did not succeed; the message is a message key ({@code oidc_*}), never a token. */
  public static final class OidcException extends Exception {
    private static final long serialVersionUID = 1L;

    public OidcException(String messageKey) {
      super(messageKey);
    }
  }

  private final Config config;
  private final OIDCProviderMetadata metadata;
  private final IDTokenValidator validator;

  private OidcProvider(Config config, OIDCProviderMetadata metadata, IDTokenValidator validator) {
    this.config = config;
    this.metadata = metadata;
    this.validator = validator;
  }

  /** Fetches the provider's discovery document. */
  public static OidcProvider discover(Config config) throws IOException {
    try {
      OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(config.issuer()));
      IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(config.clientId()),
          JWSAlgorithm.RS256, metadata.getJWKSetURI().toURL());
      return new OidcProvider(config, metadata, validator);
    } catch (com.nimbusds.oauth2.sdk.GeneralException | MalformedURLException e) {
      throw new IOException("cannot read the OpenID provider's configuration at " + config.issuer(), e);
    }
  }

  /** A new sign-in: fresh state, nonce and PKCE verifier, and where to send the browser. */
  public Pending start() {
    State state = new State();
    Nonce nonce = new Nonce();
    CodeVerifier verifier = new CodeVerifier();
    AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"),
        new Scope("openid", "profile"), new ClientID(config.clientId()), config.redirectUri())
        .endpointURI(metadata.getAuthorizationEndpointURI())
        .state(state)
        .nonce(nonce)
        .codeChallenge(verifier, CodeChallengeMethod.S256)
        .build();
    return new Pending(state.getValue(), nonce.getValue(), verifier.getValue(), request.toURI());
  }

  /**
   * Completes a sign-in from the provider's redirect: checks the state, exchanges the code (with the
   * PKCE verifier) for tokens and validates the ID token.
   */
  public PortalUser finish(Pending pending, String code, String state) throws OidcException {
    if (pending == null || state == null || !pending.state().equals(state)) {
      throw new OidcException("oidc_state");
    }
    if (code == null || code.isBlank()) {
      throw new OidcException("oidc_denied");
    }
    TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
        new ClientSecretBasic(new ClientID(config.clientId()), new Secret(config.clientSecret())),
        new AuthorizationCodeGrant(new AuthorizationCode(code), config.redirectUri(), new CodeVerifier(pending.codeVerifier())));
    TokenResponse response;
    try {
      response = OIDCTokenResponseParser.parse(request.toHTTPRequest().send());
    } catch (IOException | ParseException e) {
      throw new OidcException("oidc_failed");
    }
    if (!response.indicatesSuccess()) {
      throw new OidcException("oidc_failed");
    }
    JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    IDTokenClaimsSet claims;
    try {
      claims = validator.validate(idToken, new Nonce(pending.nonce()));
    } catch (BadJOSEException | JOSEException e) {
      throw new OidcException("oidc_invalid_token");
    }
    String username = claims.getStringClaim("preferred_username");
    if (username == null) {
      username = claims.getSubject().getValue();
    }
    String name = claims.getStringClaim("name");
    if (name == null || name.isBlank()) {
      name = username;
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> values;
    try {
      values = claims.getStringListClaim(config.rolesClaim());
    } catch (RuntimeException e) {
      values = null;
    }
    if (values != null) {
      for (String v : values) {
        for (Role r : Role.values()) {
          if (r.fileName().equals(v)) {
            roles.add(r);
          }
        }
      }
    }
    if (roles.isEmpty()) {
      throw new OidcException("oidc_no_role");
    }
    try {
      return new PortalUser(username, name, roles);
    } catch (IllegalArgumentException e) {
      throw new OidcException("oidc_invalid_token");
    }
  }
}
