package nl.hitmachine.service.api.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.Agency;
import nl.hitmachine.service.hit.AgencyRegister;

/** GET /v1/agencies and the health probes. */
final class DirectoryHandlers {
  private final AgencyRegister agencies;
  private final CallerResolver callers;
  private final BooleanSupplier ready;

  DirectoryHandlers(AgencyRegister agencies, CallerResolver callers, BooleanSupplier ready) {
    this.agencies = agencies;
    this.callers = callers;
    this.ready = ready;
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

  void ready(RoutingContext ctx) {
    if (ready.getAsBoolean()) {
      Responses.json(ctx, new JsonObject().put("status", "UP"));
    } else {
      Responses.json(ctx, 503, new JsonObject().put("status", "DOWN").toBuffer());
    }
  }
}
