package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Sends JSON answers and routes failed futures to the failure handler. */
final class Responses {
  private Responses() {}

  static void json(RoutingContext ctx, int status, Buffer body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  static void json(RoutingContext ctx, JsonObject body) {
    json(ctx, 200, body.toBuffer());
  }

  /** Completes the request from a use case's future, on the request's context. */
  static <T> void from(RoutingContext ctx, Future<? extends CompletionStage<T>> work, Function<T, Buffer> render) {
    work.compose(stage -> Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()))
        .onSuccess(value -> json(ctx, 200, render.apply(value)))
        .onFailure(ctx::fail);
  }

  /** Completes the request from a future the event loop already holds (refusals, rejections). */
  static <T> void from(RoutingContext ctx, CompletionStage<T> stage, Function<T, Buffer> render) {
    from(ctx, Future.succeededFuture(stage), render);
  }

  /** Stops reading a body the answer will not use (a refusal decided before the body was read). */
  static void stopReading(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      ctx.request().pause();
    }
  }

  static boolean isJson(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null) {
      return false;
    }
    String base = type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    return base.equals("application/json");
  }
}
