package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import nl.hitmachine.service.hit.BackupService;
import nl.hitmachine.service.hit.Caller;

/**
 * POST /v1/admin/backups (role admin): an online backup, audited first, taken on the worker pool;
 * 201 with the backup's directory name (under {@code storage.backupDir}), the audit tree size it
 * holds and its number of files.
 */
final class BackupHandler implements Handler<RoutingContext> {
  private final BackupService backups;
  private final CallerResolver callers;
  private final WorkerExecutor workers;

  BackupHandler(BackupService backups, CallerResolver callers, WorkerExecutor workers) {
    this.backups = backups;
    this.callers = callers;
    this.workers = workers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    Responses.stopReading(ctx);
    Responses.onWorker(ctx, workers, () -> backups.backup(caller), false)
        .onSuccess(taken -> Responses.json(ctx, 201, new JsonObject()
            .put("backup", taken.name())
            .put("auditTreeSize", taken.auditTreeSize())
            .put("files", taken.files())
            .toBuffer()))
        .onFailure(ctx::fail);
  }
}
