package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
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
    Completion<T> piece = new Completion<>(work);
    WorkerBatch.hand(workers, List.of(piece), ordered);
    return Future.fromCompletionStage(piece.done, ctx.vertx().getOrCreateContext());
  }

  /**
   * {@link #onWorker} for a small piece of work, handed to the pool in the event loop's current
   * {@link WorkerBatch} (unordered), answered with 200 and {@code render} of its result.
   */
  static <T> void fromWorker(
      RoutingContext ctx, WorkerBatch batch, Callable<? extends CompletionStage<T>> work, Function<T, Buffer> render) {
    Completion<T> piece = new Completion<>(work);
    io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
    batch.submit(context, piece);
    from(ctx, Future.fromCompletionStage(piece.done, context), render);
  }

  /**
   * Runs a use case's blocking part and hands its result on from the thread that produces it
   * (no listener on a Vert.x future, so no extra event-loop dispatch); anything the work throws,
   * and a refusal by the pool, fail {@link #done}.
   */
  private static final class Completion<T> implements WorkerBatch.Piece {
    private final Callable<? extends CompletionStage<T>> work;
    final CompletableFuture<T> done = new CompletableFuture<>();

    Completion(Callable<? extends CompletionStage<T>> work) {
      this.work = work;
    }

    @Override
    public void run() {
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
    }

    @Override
    public void refused(Throwable cause) {
      done.completeExceptionally(cause);
    }
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
