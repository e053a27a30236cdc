package nl.hitmachine.portal.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import nl.hitmachine.portal.users.Role;

/**
 * The portal's HTTP server: routes, sessions, CSRF, security headers, static assets. Blocking work
 * (password hashing, calls to hit-service) runs on the {@code portal-worker} pool.
 */
public final class PortalServer implements AutoCloseable {
  public static final String SESSION_COOKIE = "hm_portal_session";
  private static final Logger LOG = Logger.getLogger(PortalServer.class.getName());

  private final Vertx vertx;
  private final HttpServer server;
  private final WorkerExecutor workers;

  private PortalServer(Vertx vertx, HttpServer server, WorkerExecutor workers) {
    this.vertx = vertx;
    this.server = server;
    this.workers = workers;
  }

  /** Starts the portal and waits until it listens. */
  public static PortalServer start(PortalConfig config, PortalServices services, Clock clock, ZoneId zone) {
    Vertx vertx = Vertx.vertx();
    WorkerExecutor workers = vertx.createSharedWorkerExecutor("portal-worker", 4);
    Templates templates = new Templates();
    Messages messages = new Messages();
    SessionGuard guard = new SessionGuard(clock, config.absoluteTimeout());

    Router router = Router.router(vertx);
    router.route().handler(new SecurityHeaders());
    router.route("/assets/*").handler(StaticHandler.create("assets").setCachingEnabled(true).setMaxAgeSeconds(3600)
        .setDirectoryListing(false).setIncludeHidden(false));
    router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "text/plain").end("ok"));
    router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx, "portal-sessions", 10_000))
        .setSessionCookieName(SESSION_COOKIE)
        .setSessionTimeout(config.idleTimeout().toMillis())
        .setCookieHttpOnlyFlag(true)
        .setCookieSecureFlag(config.secureCookies())
        .setCookieSameSite(CookieSameSite.STRICT)
        .setMinLength(32));
    BodyHandler forms = BodyHandler.create(false).setBodyLimit(64 * 1024);

    SignInPages signIn = new SignInPages(templates, messages, services.users(),
        config.loopbackOnly() ? services.oneTimeSignIn() : null, guard, workers, config.secureCookies())
        .withOidc(services.oidc());
    router.get("/").handler(signIn::home);
    router.get("/sign-in").handler(signIn::form);
    router.post("/sign-in").handler(forms).handler(SessionGuard.csrf()).handler(signIn::submit);
    router.get("/sign-in/once").handler(signIn::once);
    if (services.oidc() != null) {
      router.get("/sign-in/oidc").handler(signIn::oidcStart);
      router.get("/sign-in/oidc/callback").handler(signIn::oidcCallback);
    }
    router.post("/sign-out").handler(forms).handler(SessionGuard.csrf()).handler(signIn::signOut);
    router.get("/lang/:lang").handler(signIn::language);

    if (services.screening() != null) {
      ScreeningPages screening = new ScreeningPages(templates, messages, services.screening(), workers, config.purposes(), zone);
      router.get("/screening").handler(guard.require(Role.SCREENING)).handler(screening::form);
      router.post("/screening/person").handler(forms).handler(guard.require(Role.SCREENING)).handler(SessionGuard.csrf())
          .handler(screening::person);
      // No BodyHandler: the list is read into memory by the handler itself, never written to disk.
      router.post("/screening/households").handler(guard.require(Role.SCREENING)).handler(screening::households);
      router.get("/screening/result").handler(guard.require(Role.SCREENING)).handler(screening::result);
      router.get("/screening/result/print").handler(guard.require(Role.SCREENING)).handler(screening::result);
      router.get("/screening/result.csv").handler(guard.require(Role.SCREENING)).handler(screening::csv);
    }
    if (services.review() != null) {
      ReviewPages review = new ReviewPages(templates, messages, services.review(), workers, zone);
      router.get("/review").handler(guard.require(Role.PRIVACY)).handler(ctx -> ctx.redirect("/review/audit"));
      router.get("/review/audit").handler(guard.require(Role.PRIVACY)).handler(review::audit);
      router.get("/review/anomalies").handler(guard.require(Role.PRIVACY)).handler(review::anomalies);
      router.get("/review/subject").handler(guard.require(Role.PRIVACY)).handler(review::subjectForm);
      router.post("/review/subject").handler(forms).handler(guard.require(Role.PRIVACY)).handler(SessionGuard.csrf())
          .handler(review::subject);
      router.get("/review/verification").handler(guard.require(Role.PRIVACY)).handler(review::verification);
      router.post("/review/verification").handler(forms).handler(guard.require(Role.PRIVACY)).handler(SessionGuard.csrf())
          .handler(review::verification);
    }
    router.route().last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(ctx -> {
      int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
      if (status >= 500) {
        // The path only: never a parameter or form value (they may hold a BSN).
        LOG.log(Level.WARNING, "error on " + ctx.request().method() + " " + ctx.request().path(), ctx.failure());
      }
      String key = status == 403 ? "error_403" : status == 404 ? "error_404" : status == 413 ? "error_413" : "error_500";
      Map<String, Object> m = PageContext.base(ctx, messages, key);
      m.put("message", messages.get(PageContext.lang(ctx), key + "_text"));
      Pages.html(ctx, status, templates.render("error", m));
    });

    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
        .requestHandler(router);
    try {
      server.listen().await();
    } catch (RuntimeException e) {
      workers.close();
      vertx.close().await();
      throw e;
    }
    return new PortalServer(vertx, server, workers);
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    Future<Void> closed = server.close();
    closed.await();
    workers.close().await();
    vertx.close().await();
  }
}
