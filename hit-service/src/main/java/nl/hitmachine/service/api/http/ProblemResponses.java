package nl.hitmachine.service.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/** Writes RFC 9457 {@code application/problem+json} bodies. */
final class ProblemResponses {
  static final String MEDIA_TYPE = "application/problem+json";

  private ProblemResponses() {}

  /** The problem a failure stands for: a ProblemException as is, anything else as 500. */
  static ProblemException problemOf(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ProblemException p) {
      return p;
    }
    return new ProblemException(ProblemType.INTERNAL, "an internal error occurred; the request id identifies it in the service log",
        java.util.List.of(), t);
  }

  static void send(RoutingContext ctx, ProblemException problem) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ProblemType type = problem.type();
    JsonObject body =
        new JsonObject()
            .put("type", type.uri())
            .put("title", type.title())
            .put("status", type.status())
            .put("detail", problem.detail())
            .put("instance", ctx.request().path());
    String requestId = RequestIds.of(ctx);
    if (requestId != null) {
      body.put("requestId", requestId);
    }
    if (!problem.itemErrors().isEmpty()) {
      JsonArray errors = new JsonArray();
      for (ItemError e : problem.itemErrors()) {
        JsonObject item = new JsonObject();
        if (e.index() != null) {
          item.put("index", e.index());
        }
        if (e.line() != null) {
          item.put("line", e.line());
        }
        if (e.pointer() != null) {
          item.put("pointer", e.pointer());
        }
        errors.add(item.put("detail", e.detail()));
      }
      body.put("errors", errors);
    }
    var response = ctx.response().setStatusCode(type.status()).putHeader("Content-Type", MEDIA_TYPE);
    if (type == ProblemType.UNAUTHENTICATED) {
      response.putHeader("WWW-Authenticate", "Bearer realm=\"hitmachine\"");
    }
    if (problem.retryAfterSeconds() > 0) {
      response.putHeader("Retry-After", Long.toString(problem.retryAfterSeconds()));
    }
    if ((type == ProblemType.PAYLOAD_TOO_LARGE || type == ProblemType.REQUEST_TIMEOUT)
        && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      // The rest of an oversize or late body is not read: close the HTTP/1.x connection after answering.
      response.putHeader("Connection", "close");
    }
    var sent = response.end(body.toBuffer());
    if (type == ProblemType.REQUEST_TIMEOUT && ctx.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
      // A stalled client would otherwise keep the connection until the idle timeout: free it now.
      sent.onComplete(v -> ctx.request().connection().close());
    }
  }
}
