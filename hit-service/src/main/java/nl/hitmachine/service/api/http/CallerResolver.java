package nl.hitmachine.service.api.http;

import io.vertx.ext.web.RoutingContext;
import nl.hitmachine.service.auth.Authenticator;
import nl.hitmachine.service.auth.Credentials;
import nl.hitmachine.service.hit.Caller;

/** Authenticates a request into a {@link Caller} (with no principal when credentials fail). */
final class CallerResolver {
  private final Authenticator authenticator;

  CallerResolver(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  Caller resolve(RoutingContext ctx) {
    Credentials credentials = Credentials.fromAuthorizationHeader(ctx.request().getHeader("Authorization"));
    return new Caller(RequestIds.of(ctx), authenticator.authenticate(credentials).orElse(null));
  }
}
