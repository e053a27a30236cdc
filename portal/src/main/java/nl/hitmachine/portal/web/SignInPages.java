package nl.hitmachine.portal.web;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OidcProvider;
import nl.hitmachine.portal.users.OidcProvider.OidcException;
import nl.hitmachine.portal.users.OidcProvider.Pending;
import nl.hitmachine.portal.users.OneTimeSignIn;
import nl.hitmachine.portal.users.PortalUser;
import nl.hitmachine.portal.users.Role;

/**
 * Sign-in with the local user list or through the partner's OpenID provider, a single-use demo
 * link, sign-out, and the language switch.
 *
 * <p>OIDC and the {@code SameSite=Strict} session cookie: the provider's redirect back is a
 * cross-site navigation, on which the browser does not send a Strict cookie. So a started sign-in is
 * kept here, under its random {@code state}, bound to the browser by a separate short-lived
 * {@code SameSite=Lax} cookie; the callback signs the person into a new session and answers with a
 * page that continues by a same-site navigation (meta refresh), on which the new Strict cookie is
 * sent.
 */
final class SignInPages {
  private static final Logger LOG = Logger.getLogger(SignInPages.class.getName());
  static final String OIDC_COOKIE = "hm_oidc";
  private static final long OIDC_PENDING_MILLIS = 10 * 60 * 1000;
  private static final int OIDC_MAX_PENDING = 10_000;

  private record Started(Pending pending, String binding, long expires) {}

  private final java.util.Map<String, Started> started = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  private OidcProvider oidc;

  private final Templates templates;
  private final Messages messages;
  private final LocalUsers users;
  private final OneTimeSignIn oneTime;
  private final SessionGuard guard;
  private final WorkerExecutor workers;
  private final boolean secureCookies;

  SignInPages(Templates templates, Messages messages, LocalUsers users, OneTimeSignIn oneTime, SessionGuard guard,
      WorkerExecutor workers, boolean secureCookies) {
    this.templates = templates;
    this.messages = messages;
    this.users = users;
    this.oneTime = oneTime;
    this.guard = guard;
    this.workers = workers;
    this.secureCookies = secureCookies;
  }

  void home(RoutingContext ctx) {
    PortalUser user = SessionGuard.user(ctx.session());
    if (user == null) {
      ctx.redirect("/sign-in");
    } else {
      ctx.redirect(user.has(Role.SCREENING) ? "/screening" : "/review/audit");
    }
  }

  SignInPages withOidc(OidcProvider oidc) {
    this.oidc = oidc;
    return this;
  }

  private Map<String, Object> signInPage(RoutingContext ctx) {
    Map<String, Object> m = PageContext.base(ctx, messages, "signin_title");
    m.put("local", users != null);
    m.put("oidc", oidc != null);
    return m;
  }

  void form(RoutingContext ctx) {
    Map<String, Object> m = signInPage(ctx);
    if ("1".equals(ctx.request().getParam("expired"))) {
      m.put("notice", messages.get(PageContext.lang(ctx), "signin_expired"));
    }
    if ("1".equals(ctx.request().getParam("signedout"))) {
      m.put("notice", messages.get(PageContext.lang(ctx), "signin_signed_out"));
    }
    Pages.html(ctx, 200, templates.render("sign-in", m));
  }

  void submit(RoutingContext ctx) {
    if (users == null) {
      ctx.fail(404);
      return;
    }
    String username = Optional.ofNullable(ctx.request().getFormAttribute("username")).orElse("").strip();
    String password = Optional.ofNullable(ctx.request().getFormAttribute("password")).orElse("");
    workers.<Optional<PortalUser>>executeBlocking(() -> {
      char[] chars = password.toCharArray();
      try {
        return users.authenticate(username, chars);
      } finally {
        Arrays.fill(chars, '\0');
      }
    }).onComplete(r -> {
      if (r.succeeded() && r.result().isPresent()) {
        guard.signIn(ctx, r.result().get());
        LOG.info("sign-in of a local user");
        home(ctx);
      } else {
        Map<String, Object> m = signInPage(ctx);
        m.put("error", messages.get(PageContext.lang(ctx), "signin_failed"));
        m.put("username", username);
        Pages.html(ctx, 401, templates.render("sign-in", m));
      }
    });
  }

  /** Starts an OIDC sign-in: state, nonce and PKCE verifier kept here; the browser goes to the provider. */
  void oidcStart(RoutingContext ctx) {
    long now = System.currentTimeMillis();
    started.values().removeIf(s -> s.expires() < now);
    if (started.size() >= OIDC_MAX_PENDING) {
      ctx.fail(503);
      return;
    }
    Pending pending = oidc.start();
    byte[] b = new byte[24];
    random.nextBytes(b);
    String binding = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    started.put(pending.state(), new Started(pending, binding, now + OIDC_PENDING_MILLIS));
    ctx.response().addCookie(Cookie.cookie(OIDC_COOKIE, binding).setPath("/sign-in/oidc").setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX).setSecure(secureCookies).setMaxAge(OIDC_PENDING_MILLIS / 1000));
    ctx.redirect(pending.authorizationUri().toString());
  }

  /** The provider's redirect back: state and binding checked, code exchanged and ID token validated on a worker. */
  void oidcCallback(RoutingContext ctx) {
    String state = ctx.request().getParam("state");
    Started s = state == null ? null : started.remove(state);
    Cookie binding = ctx.request().getCookie(OIDC_COOKIE);
    ctx.response().addCookie(Cookie.cookie(OIDC_COOKIE, "").setPath("/sign-in/oidc").setMaxAge(0));
    if (s == null || binding == null || s.expires() < System.currentTimeMillis()
        || !java.security.MessageDigest.isEqual(s.binding().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            binding.getValue().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      oidcFailed(ctx, "oidc_state");
      return;
    }
    if (ctx.request().getParam("error") != null) {
      oidcFailed(ctx, "oidc_denied");
      return;
    }
    String code = ctx.request().getParam("code");
    workers.<PortalUser>executeBlocking(() -> oidc.finish(s.pending(), code, state)).onComplete(r -> {
      if (r.succeeded()) {
        guard.signIn(ctx, r.result());
        LOG.info("sign-in through the OpenID provider");
        PortalUser user = r.result();
        String next = user.has(Role.SCREENING) ? "/screening" : "/review/audit";
        Map<String, Object> m = PageContext.base(ctx, messages, "signin_title");
        m.put("next", next);
        Pages.html(ctx, 200, templates.render("signed-in", m));
      } else {
        oidcFailed(ctx, r.cause() instanceof OidcException e ? e.getMessage() : "oidc_failed");
      }
    });
  }

  private void oidcFailed(RoutingContext ctx, String key) {
    LOG.info("OpenID sign-in refused: " + key);
    Map<String, Object> m = signInPage(ctx);
    m.put("error", messages.get(PageContext.lang(ctx), key));
    Pages.html(ctx, 401, templates.render("sign-in", m));
  }

  void once(RoutingContext ctx) {
    Optional<PortalUser> user = oneTime == null || users == null ? Optional.empty()
        : oneTime.redeem(ctx.request().getParam("token")).flatMap(users::find);
    if (user.isEmpty()) {
      ctx.redirect("/sign-in");
      return;
    }
    guard.signIn(ctx, user.get());
    home(ctx);
  }

  void signOut(RoutingContext ctx) {
    ctx.session().destroy();
    ctx.redirect("/sign-in?signedout=1");
  }

  void language(RoutingContext ctx) {
    String lang = Messages.language(ctx.pathParam("lang"));
    Cookie c = Cookie.cookie(PageContext.LANG_COOKIE, lang).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(secureCookies).setMaxAge(365L * 24 * 3600);
    ctx.response().addCookie(c);
    String back = ctx.request().getParam("back");
    // Only a local path: never an open redirect.
    ctx.redirect(back != null && back.matches("/[A-Za-z0-9/._-]*") && !back.startsWith("//") ? back : "/");
  }
}
