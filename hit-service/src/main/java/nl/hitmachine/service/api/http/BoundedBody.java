package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import nl.hitmachine.service.failure.ProblemException;

/** Reads a request body into memory, failing with 413 as soon as it is over the limit. */
final class BoundedBody {
  private BoundedBody() {}

  static Future<Buffer> read(HttpServerRequest request, long limit) {
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

  private static ProblemException tooLarge(long limit) {
    return ProblemException.tooLarge("the request body is over the limit of " + limit + " bytes; nothing was changed");
  }
}
