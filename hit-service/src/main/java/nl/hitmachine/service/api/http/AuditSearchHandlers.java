package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import nl.hitmachine.service.hit.AuditSearchService;
import nl.hitmachine.service.hit.Caller;
import nl.hitmachine.service.hit.SubjectAccessReport;

/**
 * GET /v1/audit/entries (paged search), /v1/audit/export (NDJSON or CSV, streamed) and
 * /v1/audit/subject-report (JSON or printable HTML), role privacy-officer. The caller is resolved
 * on the event loop; the use case — reading the log, then the read's own audit entry — runs on the
 * worker pool, and nothing is sent before that entry is durable.
 */
final class AuditSearchHandlers {
  static final String HTML_MEDIA_TYPE = "text/html; charset=utf-8";
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private final AuditSearchService service;
  private final CallerResolver callers;
  private final WorkerExecutor workers;

  AuditSearchHandlers(AuditSearchService service, CallerResolver callers, WorkerExecutor workers) {
    this.service = service;
    this.callers = callers;
    this.workers = workers;
  }

  void search(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    Map<String, List<String>> parameters = parameters(ctx);
    onWorker(ctx, () -> service.search(caller, parameters))
        .onSuccess(page -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          Responses.json(ctx, 200, AuditEntryJson.page(page));
        })
        .onFailure(ctx::fail);
  }

  void export(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    Map<String, List<String>> parameters = parameters(ctx);
    onWorker(ctx, () -> service.export(caller, parameters))
        .onSuccess(export -> new AuditExportStream(ctx, workers, export,
            AuditSearchService.exportFormat(parameters.get("format"))).start())
        .onFailure(ctx::fail);
  }

  void subjectReport(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    Map<String, List<String>> parameters = parameters(ctx);
    String accept = ctx.request().getHeader("Accept");
    onWorker(ctx, () -> service.subjectReport(caller, parameters))
        .onSuccess(report -> {
          List<String> format = parameters.get("format");
          boolean html = format == null ? prefersHtml(accept) : AuditSearchService.reportFormat(format);
          ctx.response().putHeader("Cache-Control", "no-store");
          if (html) {
            ctx.response().setStatusCode(200)
                .putHeader("Content-Type", HTML_MEDIA_TYPE)
                .putHeader("Content-Security-Policy", SubjectReportHtml.CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(Buffer.buffer(SubjectReportHtml.render(report)));
          } else {
            Responses.json(ctx, reportJson(report));
          }
        })
        .onFailure(ctx::fail);
  }

  /**
   * True when {@code Accept} rates {@code text/html} above {@code application/json} (ties: the one
   * listed first). Absent or neither: JSON.
   */
  static boolean prefersHtml(String accept) {
    if (accept == null) {
      return false;
    }
    double html = -1;
    double json = -1;
    int htmlAt = Integer.MAX_VALUE;
    int jsonAt = Integer.MAX_VALUE;
    String[] ranges = accept.split(",");
    for (int i = 0; i < ranges.length; i++) {
      String[] parts = ranges[i].split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int j = 1; j < parts.length; j++) {
        String p = parts[j].strip();
        if (p.startsWith("q=")) {
          try {
            q = Double.parseDouble(p.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals("text/html") && q > html) {
        html = q;
        htmlAt = i;
      } else if ((type.equals("application/json") || type.equals("application/*")) && q > json) {
        json = q;
        jsonAt = i;
      }
    }
    return html > 0 && (html > json || (html == json && htmlAt < jsonAt));
  }

  static JsonObject reportJson(SubjectAccessReport r) {
    JsonArray lookups = new JsonArray();
    for (SubjectAccessReport.Lookup l : r.lookups()) {
      lookups.add(new JsonObject()
          .put("sequence", l.sequence())
          .put("time", TIME.format(l.time()))
          .put("agency", l.agency())
          .put("clientId", l.clientId())
          .put("requestedBy", l.requestedBy())
          .put("purpose", l.purpose())
          .put("caseRef", l.caseRef())
          .put("outcome", l.outcome())
          .put("permitted", l.permitted())
          .put("disclosed", new JsonArray(new ArrayList<>(l.disclosed())))
          .put("entryHash", l.entryHash()));
    }
    JsonArray reads = new JsonArray();
    for (SubjectAccessReport.AuditRead a : r.auditReads()) {
      reads.add(new JsonObject()
          .put("sequence", a.sequence())
          .put("time", TIME.format(a.time()))
          .put("agency", a.agency())
          .put("clientId", a.clientId())
          .put("action", a.action())
          .put("outcome", a.outcome())
          .put("entryHash", a.entryHash()));
    }
    return new JsonObject()
        .put("from", time(r.from()))
        .put("to", time(r.to()))
        .put("generatedAt", TIME.format(r.generatedAt()))
        .put("treeSize", r.treeSize())
        .put("latestCheckpointTreeSize", r.latestCheckpointTreeSize())
        .put("reportSequence", r.reportSequence())
        .put("lookupCount", r.lookups().size())
        .put("lookups", lookups)
        .put("auditReads", reads);
  }

  private static String time(Instant t) {
    return t == null ? null : TIME.format(t);
  }

  /**
   * The query parameters as given. A query string that cannot be decoded becomes one parameter with
   * an empty name, which every use case refuses as unknown (and audits).
   */
  private static Map<String, List<String>> parameters(RoutingContext ctx) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    MultiMap query;
    try {
      query = ctx.queryParams();
    } catch (IllegalArgumentException e) {
      parameters.put("", List.of());
      return parameters;
    }
    for (String name : query.names()) {
      parameters.put(name, List.copyOf(query.getAll(name)));
    }
    return parameters;
  }

  /** Runs the use case on the worker pool and completes on the request's context once it is audited. */
  private <T> Future<T> onWorker(RoutingContext ctx, Supplier<CompletableFuture<T>> work) {
    return Responses.onWorker(ctx, workers, work::get, false);
  }
}
