package nl.hitmachine.service.config;

/**
 * The management port: a second HTTP server, separate from the API, that serves only
 * {@code GET /metrics} (Prometheus text format).
 *
 * @param enabled whether it is started (default true)
 * @param host bind address (default 127.0.0.1: scrape from the same host or a sidecar)
 * @param port TCP port; 0 picks a free one (default 9464)
 */
public record ManagementConfig(Boolean enabled, String host, Integer port) {
  public ManagementConfig {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 9464 : port;
  }
}
