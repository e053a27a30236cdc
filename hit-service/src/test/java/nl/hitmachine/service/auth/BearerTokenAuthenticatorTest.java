package nl.hitmachine.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerTokenAuthenticatorTest {
  private final Principal leerplicht = new Principal("lp", "leerplicht", Set.of(Role.CONNECTOR), Set.of());
  private final BearerTokenAuthenticator auth =
      new BearerTokenAuthenticator(Map.of(BearerTokenAuthenticator.sha256Hex("s3cret-token"), leerplicht));

  @Test
  void sha256Hex_knownAnswer_matchesFips180Vector() {
    // FIPS 180-2 example "abc"
    assertThat(BearerTokenAuthenticator.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void authenticate_knownToken_givesItsPrincipal() {
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader("Bearer s3cret-token"))).contains(leerplicht);
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader("bearer  s3cret-token "))).contains(leerplicht);
  }

  @Test
  void authenticate_unknownMissingOrOtherScheme_givesNothing() {
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader("Bearer other"))).isEmpty();
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader(null))).isEmpty();
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader("Basic czNjcmV0LXRva2Vu"))).isEmpty();
    assertThat(auth.authenticate(Credentials.fromAuthorizationHeader("Bearer " + "x".repeat(600)))).isEmpty();
  }
}
