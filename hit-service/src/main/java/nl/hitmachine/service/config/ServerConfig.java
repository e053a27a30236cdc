package nl.hitmachine.service.config;

/**
 * Where and how the API listens.
 *
 * @param host bind address (default 127.0.0.1)
 * @param port TCP port; 0 picks a free one (default 8080)
 * @param tls TLS (normally mutual TLS) terminated in hit-service; {@code null} for plain HTTP
 * @param bearerTokens whether bearer tokens are accepted; {@code null} for the default: on without
 *     {@code tls} (the demo, on loopback), off with it
 * @param drainSeconds on SIGTERM, how long requests in flight may take to finish before their
 *     connections are closed (default 10)
 */
public record ServerConfig(String host, Integer port, TlsConfig tls, Boolean bearerTokens, Integer drainSeconds) {
  public ServerConfig {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
    drainSeconds = drainSeconds == null ? 10 : drainSeconds;
  }

  /** With the default drain timeout. */
  public ServerConfig(String host, Integer port, TlsConfig tls, Boolean bearerTokens) {
    this(host, port, tls, bearerTokens, null);
  }

  /** Plain HTTP with bearer tokens. */
  public ServerConfig(String host, Integer port) {
    this(host, port, null, null, null);
  }

  /** Whether bearer tokens are accepted: as configured, else only without TLS. */
  public boolean bearerTokensEnabled() {
    return bearerTokens != null ? bearerTokens : tls == null;
  }

  /** Whether the API binds to a loopback address only. */
  public boolean loopback() {
    String h = host.strip();
    return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
  }
}
