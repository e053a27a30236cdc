package nl.hitmachine.portal.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers on every answer: a strict Content-Security-Policy (only the portal's own style sheet and
 * images; no script at all, no inline style, no framing, forms only to the portal itself), no
 * caching of pages (they hold screening answers), no MIME sniffing, no referrer.
 */
final class SecurityHeaders implements Handler<RoutingContext> {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void handle(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!ctx.request().path().startsWith("/assets/")) {
      ctx.response().putHeader("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
