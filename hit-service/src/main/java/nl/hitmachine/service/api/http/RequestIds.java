package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, else a new
 * UUID; echoed on every response.
 */
final class RequestIds implements Handler<RoutingContext> {
  static final String HEADER = "X-Request-Id";
  private static final String KEY = "hitmachine.requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HEADER);
    String id = given != null && SANE.matcher(given).matches() ? given : newId();
    ctx.put(KEY, id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  /**
   * A random (version 4) UUID from a non-blocking, non-cryptographic source: request ids must be
   * unique, not secret, and {@link UUID#randomUUID()} costs a SecureRandom call per request.
   */
  static String newId() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long high = (r.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  static String of(RoutingContext ctx) {
    return ctx.get(KEY);
  }
}
