package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nl.hitmachine.service.hit.AuditReadService;
import nl.hitmachine.service.hit.Caller;

/**
 * GET /v1/audit/checkpoint, /v1/audit/proofs/inclusion and /v1/audit/proofs/consistency (role
 * privacy-officer). Authentication runs on the event loop; the use case — file read or O(n) proof
 * computation, then the read's own audit entry — runs on the worker pool. Hashes are standard
 * base64 (with padding), as in the checkpoint body.
 */
final class AuditReadHandlers {
  static final String NOTE_MEDIA_TYPE = "text/plain; charset=utf-8";

  private final AuditReadService reads;
  private final CallerResolver callers;
  private final WorkerExecutor workers;

  AuditReadHandlers(AuditReadService reads, CallerResolver callers, WorkerExecutor workers) {
    this.reads = reads;
    this.callers = callers;
    this.workers = workers;
  }

  void checkpoint(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    onWorker(ctx, () -> reads.latestCheckpoint(caller))
        .onSuccess(note -> ctx.response().setStatusCode(200).putHeader("Content-Type", NOTE_MEDIA_TYPE)
            .putHeader("Cache-Control", "no-store").end(Buffer.buffer(note)))
        .onFailure(ctx::fail);
  }

  void inclusion(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    List<String> sequence = ctx.queryParam("sequence");
    List<String> treeSize = ctx.queryParam("treeSize");
    onWorker(ctx, () -> reads.inclusionProof(caller, sequence, treeSize))
        .onSuccess(p -> Responses.json(ctx, new JsonObject()
            .put("sequence", p.sequence())
            .put("treeSize", p.treeSize())
            .put("leafHash", base64(p.leafHash()))
            .put("proof", hashes(p.proof()))
            .put("rootHash", base64(p.rootHash()))))
        .onFailure(ctx::fail);
  }

  void consistency(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    List<String> from = ctx.queryParam("from");
    List<String> to = ctx.queryParam("to");
    onWorker(ctx, () -> reads.consistencyProof(caller, from, to))
        .onSuccess(p -> Responses.json(ctx, new JsonObject()
            .put("from", p.from())
            .put("to", p.to())
            .put("proof", hashes(p.proof()))
            .put("fromRoot", base64(p.fromRoot()))
            .put("toRoot", base64(p.toRoot()))))
        .onFailure(ctx::fail);
  }

  /** Runs the use case on the worker pool and completes on the request's context once it is audited. */
  private <T> Future<T> onWorker(RoutingContext ctx, Supplier<CompletableFuture<T>> work) {
    return Responses.onWorker(ctx, workers, work::get, false);
  }

  private static JsonArray hashes(List<byte[]> proof) {
    JsonArray array = new JsonArray();
    proof.forEach(h -> array.add(base64(h)));
    return array;
  }

  private static String base64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
