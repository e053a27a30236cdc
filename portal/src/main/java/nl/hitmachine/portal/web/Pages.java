package nl.hitmachine.portal.web;

import io.vertx.ext.web.RoutingContext;

/** Writing answers. */
final class Pages {
  private Pages() {}

  static void html(RoutingContext ctx, int status, String html) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(html);
  }
}
