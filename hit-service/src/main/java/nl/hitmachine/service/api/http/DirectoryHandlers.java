package nl.hitmachine.service.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.Agency;
import nl.hitmachine.service.hit.AgencyRegister;
import nl.hitmachine.service.health.Readiness;

/** GET /v1/agencies and the health probes. */
final class DirectoryHandlers {
  private final AgencyRegister agencies;
  private final CallerResolver callers;
  private final Readiness readiness;

  DirectoryHandlers(AgencyRegister agencies, CallerResolver callers, Readiness readiness) {
    this.agencies = agencies;
    this.callers = callers;
    this.readiness = readiness;
  }

  void agencies(RoutingContext ctx) {
    if (callers.resolve(ctx).principal() == null) {
      ctx.fail(ProblemException.unauthenticated());
      return;
    }
    JsonArray list = new JsonArray();
    for (Agency a : agencies.all()) {
      list.add(new JsonObject()
          .put("code", a.code())
          .put("name", a.name())
          .put("domain", a.domain())
          .put("protected", a.protectedSource()));
    }
    Responses.json(ctx, new JsonObject().put("agencies", list));
  }

  void live(RoutingContext ctx) {
    Responses.json(ctx, new JsonObject().put("status", "UP"));
  }

  /**
   * 200 {@code {"status":"UP"}} when every readiness check passes, else 503 {@code
   * {"status":"DOWN","failed":["audit-log", …]}} naming the failing checks. The checks run on a
   * Vert.x worker thread (the disk checks make a system call), never on the event loop.
   */
  void ready(RoutingContext ctx) {
    ctx.vertx().executeBlocking(readiness::failedChecks, false).onComplete(checked -> {
      List<String> failed = checked.succeeded() ? checked.result() : List.of("readiness");
      if (failed.isEmpty()) {
        Responses.json(ctx, new JsonObject().put("status", "UP"));
      } else {
        Responses.json(ctx, 503, new JsonObject().put("status", "DOWN").put("failed", new JsonArray(failed)).toBuffer());
      }
    });
  }
}
