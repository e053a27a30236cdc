package nl.hitmachine.portal.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import nl.hitmachine.portal.users.PortalUser;
import nl.hitmachine.portal.users.Role;

/**
 * Sessions and their guards: who is signed in (kept in the server-side session only), the absolute
 * session lifetime (the idle timeout is the session store's), the role a page needs, and the
 * synchroniser CSRF token every POST must carry in its {@code csrf} form field.
 */
final class SessionGuard {
  static final String USER = "user";
  static final String SIGNED_IN_AT = "signedInAt";
  static final String CSRF = "csrf";
  static final String CSRF_FIELD = "csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration absoluteTimeout;

  SessionGuard(Clock clock, Duration absoluteTimeout) {
    this.clock = clock;
    this.absoluteTimeout = absoluteTimeout;
  }

  static PortalUser user(Session session) {
    return session == null ? null : session.get(USER);
  }

  /** The session's CSRF token, made on first use. */
  static String csrfToken(Session session) {
    String token = session.get(CSRF);
    if (token == null) {
      byte[] b = new byte[32];
      RANDOM.nextBytes(b);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
      session.put(CSRF, token);
    }
    return token;
  }

  /** Whether {@code submitted} is this session's CSRF token (constant-time). */
  static boolean csrfMatches(Session session, String submitted) {
    String token = session == null ? null : session.get(CSRF);
    return token != null && submitted != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
  }

  /** Signs {@code user} in: a new session id (no fixation), a new CSRF token, the sign-in time. */
  void signIn(RoutingContext ctx, PortalUser user) {
    Session session = ctx.session();
    session.regenerateId();
    session.remove(CSRF);
    session.put(USER, user);
    session.put(SIGNED_IN_AT, clock.millis());
  }

  /** Lets the request through when someone is signed in with {@code role}; else to the sign-in page or 403. */
  Handler<RoutingContext> require(Role role) {
    return ctx -> {
      Session session = ctx.session();
      PortalUser user = user(session);
      if (user != null) {
        Long at = session.get(SIGNED_IN_AT);
        if (at == null || Instant.ofEpochMilli(at).plus(absoluteTimeout).isBefore(clock.instant())) {
          session.destroy();
          user = null;
        }
      }
      if (user == null) {
        ctx.redirect("/sign-in?expired=" + (session != null && session.isDestroyed() ? "1" : "0"));
        return;
      }
      if (role != null && !user.has(role)) {
        ctx.fail(403);
        return;
      }
      ctx.next();
    };
  }

  /** For POST routes whose body was parsed: refuses (403) a missing or wrong CSRF token. */
  static Handler<RoutingContext> csrf() {
    return ctx -> {
      if (!csrfMatches(ctx.session(), ctx.request().getFormAttribute(CSRF_FIELD))) {
        ctx.fail(403);
        return;
      }
      ctx.next();
    };
  }
}
