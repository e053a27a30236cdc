package nl.hitmachine.portal.web;

import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import nl.hitmachine.portal.users.PortalUser;
import nl.hitmachine.portal.users.Role;

/** The values every page gets: language and texts, the signed-in user, the CSRF token, the navigation. */
final class PageContext {
  static final String LANG_COOKIE = "hm_lang";

  private PageContext() {}

  static String lang(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(LANG_COOKIE);
    return Messages.language(c == null ? null : c.getValue());
  }

  static Map<String, Object> base(RoutingContext ctx, Messages messages, String titleKey) {
    String lang = lang(ctx);
    Map<String, String> t = messages.table(lang);
    Map<String, Object> m = new HashMap<>();
    m.put("lang", lang);
    m.put("t", t);
    m.put("title", t.getOrDefault(titleKey, titleKey));
    String other = lang.equals(Messages.DUTCH) ? Messages.ENGLISH : Messages.DUTCH;
    m.put("otherLang", other);
    m.put("otherLangLabel", other.equals(Messages.ENGLISH) ? "English" : "Nederlands");
    m.put("back", URLEncoder.encode(ctx.request().path(), StandardCharsets.UTF_8));
    Session session = ctx.session();
    if (session != null) {
      m.put("csrf", SessionGuard.csrfToken(session));
      PortalUser user = SessionGuard.user(session);
      if (user != null) {
        Map<String, Object> u = new HashMap<>();
        u.put("name", user.name());
        u.put("screening", user.has(Role.SCREENING));
        u.put("privacy", user.has(Role.PRIVACY));
        m.put("user", u);
      }
    }
    String[] segments = ctx.request().path().split("/");
    m.put("nav_" + (segments.length > 1 ? segments[1] : "home"), true);
    m.put("current" + ctx.request().path().replace('/', '_').replace('-', '_'), true);
    return m;
  }
}
