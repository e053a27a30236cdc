package nl.hitmachine.service.api.http;

import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import nl.hitmachine.service.hit.AnomalyReport;
import nl.hitmachine.service.hit.AnomalyReportService;
import nl.hitmachine.service.hit.AnomalyRules;
import nl.hitmachine.service.hit.Caller;

/**
 * GET /v1/audit/anomalies?from=…&amp;to=… (role privacy-officer). Authentication runs on the event
 * loop; the scan of the audit log and the read's own audit entry run on the worker pool; the report
 * is rendered once that entry is durable.
 */
final class AnomalyReportHandler implements Handler<RoutingContext> {
  private final AnomalyReportService reports;
  private final CallerResolver callers;
  private final WorkerExecutor workers;

  AnomalyReportHandler(AnomalyReportService reports, CallerResolver callers, WorkerExecutor workers) {
    this.reports = reports;
    this.callers = callers;
    this.workers = workers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Caller caller = callers.resolve(ctx);
    List<String> from = ctx.queryParam("from");
    List<String> to = ctx.queryParam("to");
    Responses.onWorker(ctx, workers, () -> reports.report(caller, from, to), false)
        .onSuccess(report -> {
          ctx.response().putHeader("Cache-Control", "no-store");
          Responses.json(ctx, json(report));
        })
        .onFailure(ctx::fail);
  }

  static JsonObject json(AnomalyReport r) {
    JsonArray volume = new JsonArray();
    r.volume().forEach(f -> volume.add(client(f.clientId(), f.agency())
        .put("subjects", f.subjects()).put("usualSubjects", f.usualSubjects()).put("ratio", f.ratio())));
    JsonArray outside = new JsonArray();
    r.outsideOfficeHours().forEach(f -> outside.add(client(f.clientId(), f.agency())
        .put("lookups", f.lookups()).put("subjects", f.subjects())
        .put("first", text(f.first())).put("last", text(f.last()))));
    JsonArray repeated = new JsonArray();
    r.repeatedWithoutCaseRef().forEach(f -> {
      JsonArray subjects = new JsonArray();
      f.subjects().forEach(s -> subjects.add(new JsonObject().put("auditPseudonym", s.auditPseudonym())
          .put("lookups", s.lookups())));
      repeated.add(client(f.clientId(), f.agency()).put("repeatedSubjects", f.repeatedSubjects())
          .put("maxRepeats", f.maxRepeats()).put("subjects", subjects));
    });
    JsonArray refusals = new JsonArray();
    r.refusals().forEach(f -> {
      JsonObject byType = new JsonObject();
      f.byProblemType().forEach(byType::put);
      refusals.add(client(f.clientId(), f.agency()).put("refused", f.refused()).put("invalid", f.invalid())
          .put("unauthenticated", f.unauthenticated()).put("forbidden", f.forbidden()).put("byProblemType", byType));
    });
    AnomalyReport.Totals t = r.totals();
    return new JsonObject()
        .put("period", new JsonObject().put("from", text(r.from())).put("to", text(r.to())))
        .put("baseline", new JsonObject().put("from", text(r.baselineFrom())).put("daysCounted", r.baselineDaysCounted()))
        .put("treeSize", r.treeSize())
        .put("rules", rules(r.rules()))
        .put("totals", new JsonObject().put("entriesScanned", t.entriesScanned()).put("entriesInPeriod", t.entriesInPeriod())
            .put("lookups", t.lookups()).put("subjects", t.subjects()).put("clients", t.clients()))
        .put("findings", new JsonObject()
            .put("volume", volume)
            .put("outsideOfficeHours", outside)
            .put("repeatedWithoutCaseRef", repeated)
            .put("refusals", refusals));
  }

  private static JsonObject rules(AnomalyRules rules) {
    JsonArray days = new JsonArray();
    rules.workingDays().stream().sorted().map(DayOfWeek::name).forEach(days::add);
    return new JsonObject()
        .put("officeHours", new JsonObject().put("timeZone", rules.zone().getId()).put("workingDays", days)
            .put("start", rules.officeStart().toString()).put("end", rules.officeEnd().toString()))
        .put("baselineDays", rules.baselineDays())
        .put("volumeFactor", rules.volumeFactor())
        .put("minimumVolume", rules.minimumVolume())
        .put("repeatThreshold", rules.repeatThreshold())
        .put("maxPeriodDays", rules.maxPeriod().toDays());
  }

  private static JsonObject client(String clientId, String agency) {
    return new JsonObject().put("clientId", clientId).put("agency", agency);
  }

  private static String text(Instant time) {
    return time.toString();
  }
}
