package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Callable;
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

  /** Completes the request from a use case's future, already on the request's context. */
  static <T> void from(RoutingContext ctx, Future<T> answer, Function<T, Buffer> render) {
    answer.onSuccess(value -> json(ctx, 200, render.apply(value))).onFailure(ctx::fail);
  }

  /**
   * Runs a use case's blocking part on the worker pool and returns its own future on the request's
   * context — with one callback on the event loop, not two: the worker's result is handed on from
   * the worker thread instead of being sent to the event loop first (no listener is registered on
   * the worker future, so Vert.x does not dispatch its completion). Anything the work throws, and a
   * pool that refuses the task, fail the returned future. {@code ordered} as in {@link
   * WorkerExecutor#executeBlocking(Callable, boolean)}.
   */
  static <T> Future<T> onWorker(
      RoutingContext ctx, WorkerExecutor workers, Callable<? extends CompletionStage<T>> work, boolean ordered) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Future<Void> submitted = workers.executeBlocking(() -> {
      try {
        work.call().whenComplete((value, e) -> {
          if (e == null) {
            done.complete(value);
          } else {
            done.completeExceptionally(e);
          }
        });
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
      return null;
    }, ordered);
    if (submitted.failed()) { // the pool refused the task (closed)
      done.completeExceptionally(submitted.cause());
    }
    return Future.fromCompletionStage(done, ctx.vertx().getOrCreateContext());
  }

  /** {@link #onWorker} (unordered), answered with 200 and {@code render} of its result. */
  static <T> void fromWorker(
      RoutingContext ctx, WorkerExecutor workers, Callable<? extends CompletionStage<T>> work, Function<T, Buffer> render) {
    from(ctx, onWorker(ctx, workers, work, false), render);
  }

  /** Completes the request from a future the event loop already holds (refusals, rejections). */
  static <T> void from(RoutingContext ctx, CompletionStage<T> stage, Function<T, Buffer> render) {
    from(ctx, Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()), render);
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
