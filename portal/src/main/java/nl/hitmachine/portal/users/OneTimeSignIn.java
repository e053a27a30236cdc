package nl.hitmachine.portal.users;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use sign-in links for the demo ({@code bin/demo} prints one for the coordinator): a random
 * token, valid once and for a limited time. Only enabled when the portal listens on loopback.
 */
public final class OneTimeSignIn {
  private record Grant(String username, Instant expires) {}

  private final Map<String, Grant> grants = new ConcurrentHashMap<>();
  private final Clock clock;
  private final SecureRandom random;

  public OneTimeSignIn(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** A new token that signs {@code username} in once within {@code validity}. */
  public String issue(String username, Duration validity) {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    grants.put(token, new Grant(username, clock.instant().plus(validity)));
    return token;
  }

  /** The username if the token is valid; the token is used up either way. */
  public Optional<String> redeem(String token) {
    Grant g = token == null ? null : grants.remove(token);
    if (g == null || clock.instant().isAfter(g.expires())) {
      return Optional.empty();
    }
    return Optional.of(g.username());
  }
}
