package nl.hitmachine.service.api.http;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.List;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.hit.AuditExport;
import nl.hitmachine.service.hit.AuditSearchService.ExportFormat;

/**
 * Streams an audited export as a chunked response with backpressure and bounded memory: a worker
 * task reads and renders one batch (at most {@value #BATCH_ENTRIES} matching entries, at most
 * {@value #BATCH_SCANNED} entries read); the event loop writes it and asks for the next batch only
 * when the response's write queue has room (else on its drain). No worker thread ever waits for a
 * slow client. The response ends only after the last batch; if reading or rendering fails midway
 * the connection is reset, so a client never mistakes a cut-off export for a complete one.
 */
final class AuditExportStream {
  static final int BATCH_ENTRIES = 1000;
  static final int BATCH_SCANNED = 20_000;
  private static final System.Logger LOG = System.getLogger("hitmachine.http");

  private final RoutingContext ctx;
  private final WorkerExecutor workers;
  private final AuditExport export;
  private final ExportFormat format;
  private boolean headerWritten;
  private boolean finished;

  AuditExportStream(RoutingContext ctx, WorkerExecutor workers, AuditExport export, ExportFormat format) {
    this.ctx = ctx;
    this.workers = workers;
    this.export = export;
    this.format = format;
  }

  void start() {
    HttpServerResponse response = ctx.response();
    String extension = format == ExportFormat.CSV ? "csv" : "ndjson";
    response.setStatusCode(200)
        .setChunked(true)
        .putHeader("Content-Type", format == ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .putHeader("Content-Disposition",
            "attachment; filename=\"audit-export-" + export.treeSize() + "." + extension + "\"")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Audit-Tree-Size", Long.toString(export.treeSize()));
    response.closeHandler(v -> finish());
    next();
  }

  private record Batch(Buffer bytes, boolean last) {}

  private void next() {
    if (finished) {
      return;
    }
    workers.executeBlocking(this::readBatch, true).onComplete(ar -> {
      HttpServerResponse response = ctx.response();
      if (finished || response.closed()) {
        finish();
        return;
      }
      if (ar.failed()) {
        LOG.log(Level.ERROR, "request " + RequestIds.of(ctx) + " audit export failed after "
            + export.exported() + " entries; resetting the response", ar.cause());
        finish();
        if (response.headWritten()) {
          response.reset();
        } else {
          ctx.fail(ar.cause());
        }
        return;
      }
      Batch batch = ar.result();
      if (batch.bytes().length() > 0) {
        response.write(batch.bytes());
      }
      if (batch.last()) {
        finish();
        response.end();
      } else if (response.writeQueueFull()) {
        response.drainHandler(v -> next());
      } else {
        next();
      }
    });
  }

  /** On the worker: the next batch, rendered. */
  private Batch readBatch() {
    List<StoredAuditEntry> entries = export.next(BATCH_ENTRIES, BATCH_SCANNED);
    Buffer out = Buffer.buffer();
    if (format == ExportFormat.CSV) {
      out.appendString(AuditCsv.rows(entries, !headerWritten));
      headerWritten = true;
    } else {
      AuditEntryJson.appendLines(out, entries);
    }
    return new Batch(out, export.isDone());
  }

  /** Closes the export's files once, on the worker pool after any batch still being read. */
  private void finish() {
    if (finished) {
      return;
    }
    finished = true;
    workers.executeBlocking(() -> {
      export.close();
      return null;
    }, true);
  }
}
