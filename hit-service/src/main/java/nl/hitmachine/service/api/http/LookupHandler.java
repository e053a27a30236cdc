package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;
import nl.hitmachine.service.hit.Caller;
import nl.hitmachine.service.hit.LookupAnswer;
import nl.hitmachine.service.hit.LookupRequest;
import nl.hitmachine.service.hit.LookupService;

/**
 * POST /v1/lookups. Parsing, keying and the index read run on the worker pool; every outcome —
 * answered, refused or invalid — is audited before the response is sent.
 */
final class LookupHandler implements Handler<RoutingContext> {
  private static final LookupRequest NOTHING = new LookupRequest(null, null, null, List.of(), List.of());
  /**
   * Bodies up to this size (a lookup of a few subjects) go to the workers in the event loop's
   * {@link WorkerBatch}; larger ones (screening lists) each get a worker of their own.
   */
  static final int BATCHED_BODY_BYTES = 2048;

  private final LookupService lookups;
  private final CallerResolver callers;
  private final WorkerExecutor workers;
  private final WorkerBatch batch;
  private final long maxBody;
  private final long bodyDeadlineMillis;

  LookupHandler(
      LookupService lookups, CallerResolver callers, WorkerExecutor workers, long maxBody, long bodyDeadlineMillis) {
    this.lookups = lookups;
    this.callers = callers;
    this.workers = workers;
    this.batch = new WorkerBatch(workers);
    this.maxBody = maxBody;
    this.bodyDeadlineMillis = bodyDeadlineMillis;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    if (caller.principal() == null) {
      // Refused before reading the body; the service audits the refusal.
      Responses.from(ctx, lookups.lookup(caller, NOTHING), LookupJson::render);
      return;
    }
    if (!Responses.isJson(ctx)) {
      reject(ctx, caller, new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "a lookup must be sent as application/json"));
      return;
    }
    BoundedBody.read(ctx, maxBody, bodyDeadlineMillis)
        .onFailure(e -> reject(ctx, caller, ProblemResponses.problemOf(e)))
        .onSuccess(body -> {
          Callable<CompletableFuture<LookupAnswer>> work = () -> {
            try {
              return lookups.lookup(caller, LookupRequestParser.parse(body));
            } catch (ProblemException e) {
              return lookups.<LookupAnswer>reject(caller, e);
            }
          };
          if (body.length() <= BATCHED_BODY_BYTES) {
            Responses.fromWorker(ctx, batch, work, LookupJson::render);
          } else {
            Responses.fromWorker(ctx, workers, work, LookupJson::render);
          }
        });
  }

  private void reject(RoutingContext ctx, Caller caller, ProblemException problem) {
    Responses.from(ctx, lookups.<LookupAnswer>reject(caller, problem), LookupJson::render);
  }
}
