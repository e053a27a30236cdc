package nl.hitmachine.service.config;

/**
 * Where the API listens.
 *
 * @param host bind address (default 127.0.0.1)
 * @param port TCP port; 0 picks a free one (default 8080)
 */
public record ServerConfig(String host, Integer port) {
  public ServerConfig {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
  }
}
