package nl.hitmachine.service.api.http;

import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import nl.hitmachine.service.auth.Authenticator;
import nl.hitmachine.service.auth.CertificateIdentity;
import nl.hitmachine.service.auth.Credentials;
import nl.hitmachine.service.hit.Caller;

/**
 * Authenticates a request into a {@link Caller} (with no principal when credentials fail). Under
 * mutual TLS the credentials include the connection's client certificate, which the handshake has
 * already verified; its identity goes with the caller into the audit entry either way.
 */
final class CallerResolver {
  private final Authenticator authenticator;

  CallerResolver(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  Caller resolve(RoutingContext ctx) {
    Credentials credentials = Credentials.fromAuthorizationHeader(ctx.request().getHeader("Authorization"));
    X509Certificate certificate = peerCertificate(ctx.request().connection());
    Caller caller = certificate == null
        ? new Caller(RequestIds.of(ctx), authenticator.authenticate(credentials).orElse(null))
        : new Caller(RequestIds.of(ctx),
            authenticator.authenticate(credentials.withPeerCertificate(certificate)).orElse(null),
            CertificateIdentity.of(certificate));
    RequestLog.caller(ctx, caller.principal());
    return caller;
  }

  /** The verified leaf certificate of the TLS peer, or null without TLS or without a client certificate. */
  private static X509Certificate peerCertificate(HttpConnection connection) {
    if (connection == null || !connection.isSsl()) {
      return null;
    }
    try {
      List<Certificate> chain = connection.peerCertificates();
      return chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate leaf ? leaf : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }
}
