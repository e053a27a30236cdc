package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/**
 * The one failure handler: maps every failure to problem+json. 4xx are logged in one line without
 * a stack trace, 5xx with one. Log lines carry the request id, route and problem type — never a
 * request body, pseudonym or other identifier.
 */
final class FailureHandler implements Handler<RoutingContext> {
  private static final System.Logger LOG = System.getLogger("hitmachine.http");

  @Override
  public void handle(RoutingContext ctx) {
    ProblemException problem;
    if (ctx.failure() != null) {
      problem = ProblemResponses.problemOf(ctx.failure());
    } else {
      problem = switch (ctx.statusCode()) {
        case 404 -> new ProblemException(ProblemType.NOT_FOUND, "no such resource");
        case 405 -> new ProblemException(ProblemType.METHOD_NOT_ALLOWED, "method not allowed on this resource");
        case 406 -> new ProblemException(ProblemType.NOT_ACCEPTABLE, "cannot produce the requested media type");
        case 413 -> ProblemException.tooLarge("the request body is over the limit");
        case 415 -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported content type");
        case 400 -> ProblemException.invalid("the request could not be read");
        default -> new ProblemException(ProblemType.INTERNAL, "an internal error occurred");
      };
    }
    int status = problem.type().status();
    // the route template, never the raw path (a path may hold a pseudonym)
    String route = RequestLog.routeOf(ctx);
    String line = "request " + RequestIds.of(ctx) + " " + ctx.request().method() + " "
        + (route.isEmpty() ? "(no route)" : route)
        + " -> " + status + " " + problem.type().slug() + ": " + problem.detail();
    if (status >= 500) {
      Throwable cause = problem.type() == ProblemType.INTERNAL && problem.getCause() != null ? problem.getCause() : problem;
      LOG.log(Level.ERROR, line, cause);
    } else {
      LOG.log(Level.INFO, line);
    }
    ProblemResponses.send(ctx, problem);
  }
}
