package nl.hitmachine.service.api.http;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS terminated by the API's HTTP server. With a trust manager, every connection must present a
 * client certificate that it accepts (mutual TLS): a connection without one, or with one that does
 * not chain to a trusted CA, is expired or revoked, fails in the handshake and never reaches a
 * handler.
 *
 * @param keyManager the server's certificate chain and key
 * @param clientTrust decides which client certificates are accepted; {@code null} to ask for none
 * @param protocols the TLS versions offered (TLSv1.3, TLSv1.2)
 */
public record ServerTls(X509KeyManager keyManager, X509TrustManager clientTrust, Set<String> protocols) {
  public ServerTls {
    Objects.requireNonNull(keyManager, "keyManager");
    protocols = Set.copyOf(protocols);
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("at least one TLS protocol is required");
    }
  }

  /** Sets TLS on {@code options}. */
  HttpServerOptions applyTo(HttpServerOptions options) {
    options.setSsl(true)
        .setKeyCertOptions(KeyCertOptions.wrap(keyManager))
        .setEnabledSecureTransportProtocols(protocols)
        .setSslHandshakeTimeout(10);
    if (clientTrust != null) {
      options.setTrustOptions(TrustOptions.wrap(clientTrust)).setClientAuth(ClientAuth.REQUIRED);
    } else {
      options.setClientAuth(ClientAuth.NONE);
    }
    return options;
  }
}
