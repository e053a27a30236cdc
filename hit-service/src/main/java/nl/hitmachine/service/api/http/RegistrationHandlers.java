package nl.hitmachine.service.api.http;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.hit.Caller;
import nl.hitmachine.service.hit.RegistrationItem;
import nl.hitmachine.service.hit.RegistrationService;

/** POST /v1/registrations and POST /v1/registrations/remove. */
final class RegistrationHandlers {
  static final Set<String> ITEM_FIELDS = Set.of("subject", "validUntil", "ref");

  private final RegistrationService registrations;
  private final CallerResolver callers;
  private final WorkerExecutor workers;
  private final long maxBody;
  private final long bodyDeadlineMillis;

  RegistrationHandlers(
      RegistrationService registrations, CallerResolver callers, WorkerExecutor workers, long maxBody,
      long bodyDeadlineMillis) {
    this.registrations = registrations;
    this.callers = callers;
    this.workers = workers;
    this.maxBody = maxBody;
    this.bodyDeadlineMillis = bodyDeadlineMillis;
  }

  void upsert(RoutingContext ctx) {
    handle(ctx, AuditAction.REGISTER, (caller, body) -> {
      JsonObject json = JsonBodies.object(body);
      Object list = json.getValue("registrations");
      if (!(list instanceof JsonArray array) || json.size() != 1) {
        throw ProblemException.invalid("the body must be {\"registrations\": [...]}");
      }
      List<RegistrationItem> items = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        items.add(item(array.getValue(i)));
      }
      return registrations.register(caller, items).thenApply(n -> new JsonObject().put("upserted", n).toBuffer());
    });
  }

  void remove(RoutingContext ctx) {
    handle(ctx, AuditAction.REMOVE, (caller, body) -> {
      JsonObject json = JsonBodies.object(body);
      Object list = json.getValue("subjects");
      if (!(list instanceof JsonArray array) || json.size() != 1) {
        throw ProblemException.invalid("the body must be {\"subjects\": [...]}");
      }
      return registrations.remove(caller, new ArrayList<>(array.getList()))
          .thenApply(n -> new JsonObject().put("removed", n).toBuffer());
    });
  }

  /** One registration object as received; a non-object becomes an item that fails validation. */
  static RegistrationItem item(Object value) {
    if (!(value instanceof JsonObject o)) {
      return new RegistrationItem(null, null, null, "(item is not an object)");
    }
    String unknown = o.fieldNames().stream().filter(f -> !ITEM_FIELDS.contains(f)).sorted().findFirst()
        .map(FieldNames::shown).orElse(null);
    return new RegistrationItem(o.getValue("subject"), o.getValue("validUntil"), o.getValue("ref"), unknown);
  }

  private interface Call {
    CompletableFuture<Buffer> run(Caller caller, Buffer body);
  }

  private void handle(RoutingContext ctx, AuditAction action, Call call) {
    Caller caller = callers.resolve(ctx);
    CompletableFuture<Buffer> refused = registrations.refusal(caller, action);
    if (refused != null) {
      Responses.stopReading(ctx);
      Responses.from(ctx, refused, b -> b);
      return;
    }
    if (!Responses.isJson(ctx)) {
      reject(ctx, caller, action, new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send application/json"));
      return;
    }
    BoundedBody.read(ctx, maxBody, bodyDeadlineMillis)
        .onFailure(e -> reject(ctx, caller, action, ProblemResponses.problemOf(e)))
        .onSuccess(body -> Responses.fromWorker(ctx, workers, () -> {
          try {
            return call.run(caller, body);
          } catch (ProblemException e) {
            return registrations.<Buffer>reject(caller, action, e);
          }
        }, b -> b));
  }

  private void reject(RoutingContext ctx, Caller caller, AuditAction action, ProblemException problem) {
    Responses.from(ctx, registrations.<Buffer>reject(caller, action, problem), b -> b);
  }
}
