package nl.hitmachine.service.auth;

/**
 * What a caller presented. Today a bearer token; mutual TLS adds the peer certificate chain
 * behind the same seam.
 *
 * @param bearerToken the token from {@code Authorization: Bearer …}, or {@code null}
 */
public record Credentials(String bearerToken) {
  /** Parses an Authorization header value; anything but a Bearer token yields no token. */
  public static Credentials fromAuthorizationHeader(String header) {
    if (header == null) {
      return new Credentials(null);
    }
    String h = header.strip();
    if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return new Credentials(h.substring(7).strip());
    }
    return new Credentials(null);
  }
}
