package nl.hitmachine.portal.web;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the portal serves.
 *
 * @param host the address to listen on (loopback unless a reverse proxy with TLS sits in front)
 * @param port the port, 0 for any free one
 * @param secureCookies whether the session cookie is {@code Secure} (on whenever users reach the
 *     portal over HTTPS, e.g. behind a TLS-terminating proxy)
 * @param idleTimeout a session ends after this long without a request
 * @param absoluteTimeout a session ends this long after sign-in, whatever happens
 * @param purposes the purpose codes the partner's querier credential may state, in menu order
 */
public record PortalConfig(
    String host, int port, boolean secureCookies, Duration idleTimeout, Duration absoluteTimeout, List<String> purposes) {
  public PortalConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535");
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
      throw new IllegalArgumentException("idleTimeout must be positive and not longer than absoluteTimeout");
    }
    purposes = List.copyOf(purposes);
    if (purposes.isEmpty()) {
      throw new IllegalArgumentException("purposes must name at least one purpose code");
    }
  }

  /** Whether the portal listens on a loopback address only. */
  public boolean loopbackOnly() {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }
}
