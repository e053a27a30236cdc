package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/**
 * Reads a request body into memory, failing with 413 as soon as it is over the limit, and with
 * 408 when it has not arrived by the deadline (a slow or stalled client holds no memory and no
 * connection for longer than that).
 */
final class BoundedBody {
  private BoundedBody() {}

  static Future<Buffer> read(RoutingContext ctx, long limit, long deadlineMillis) {
    HttpServerRequest request = ctx.request();
    String length = request.getHeader("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > limit) {
          return Future.failedFuture(tooLarge(limit));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(ProblemException.invalid("Content-Length is not a number"));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    long timer = ctx.vertx().setTimer(deadlineMillis, id -> {
      request.pause();
      promise.tryFail(timedOut(deadlineMillis));
    });
    promise.future().onComplete(ar -> ctx.vertx().cancelTimer(timer));
    request.handler(chunk -> {
      if (body.length() + chunk.length() > limit) {
        request.pause();
        promise.tryFail(tooLarge(limit));
      } else {
        body.appendBuffer(chunk);
      }
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  /** The 408 problem of a body that did not arrive within {@code deadlineMillis}. */
  static ProblemException timedOut(long deadlineMillis) {
    return new ProblemException(ProblemType.REQUEST_TIMEOUT,
        "the request body did not arrive within " + (deadlineMillis / 1000) + " s; nothing was changed");
  }

  private static ProblemException tooLarge(long limit) {
    return ProblemException.tooLarge("the request body is over the limit of " + limit + " bytes; nothing was changed");
  }
}
