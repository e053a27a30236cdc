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
import nl.hitmachine.portal.users.OneTimeSignIn;
import nl.hitmachine.portal.users.PortalUser;
import nl.hitmachine.portal.users.Role;

/** Sign-in with the local user list, a single-use demo link, sign-out, and the language switch. */
final class SignInPages {
  private static final Logger LOG = Logger.getLogger(SignInPages.class.getName());

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

  void form(RoutingContext ctx) {
    Map<String, Object> m = PageContext.base(ctx, messages, "signin_title");
    if ("1".equals(ctx.request().getParam("expired"))) {
      m.put("notice", messages.get(PageContext.lang(ctx), "signin_expired"));
    }
    if ("1".equals(ctx.request().getParam("signedout"))) {
      m.put("notice", messages.get(PageContext.lang(ctx), "signin_signed_out"));
    }
    Pages.html(ctx, 200, templates.render("sign-in", m));
  }

  void submit(RoutingContext ctx) {
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
        Map<String, Object> m = PageContext.base(ctx, messages, "signin_title");
        m.put("error", messages.get(PageContext.lang(ctx), "signin_failed"));
        m.put("username", username);
        Pages.html(ctx, 401, templates.render("sign-in", m));
      }
    });
  }

  void once(RoutingContext ctx) {
    Optional<PortalUser> user = oneTime == null ? Optional.empty()
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
