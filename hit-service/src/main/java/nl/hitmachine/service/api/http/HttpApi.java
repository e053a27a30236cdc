package nl.hitmachine.service.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import nl.hitmachine.service.auth.Authenticator;
import nl.hitmachine.service.hit.AgencyRegister;
import nl.hitmachine.service.hit.AnomalyReportService;
import nl.hitmachine.service.hit.AuditReadService;
import nl.hitmachine.service.hit.AuditSearchService;
import nl.hitmachine.service.hit.BackupService;
import nl.hitmachine.service.hit.LookupService;
import nl.hitmachine.service.hit.RegistrationService;
import nl.hitmachine.service.health.Readiness;

/**
 * The route table of API v1.
 *
 * <pre>
 * POST /v1/registrations         connector   upsert (JSON)
 * POST /v1/registrations/remove  connector   remove (JSON)
 * PUT  /v1/registrations         connector   full-caseload replace (NDJSON, streamed)
 * POST /v1/lookups               querier     lookup (JSON)
 * GET  /v1/agencies              any client  agency register
 * GET  /v1/audit/checkpoint               privacy-officer  latest signed checkpoint (text/plain)
 * GET  /v1/audit/proofs/inclusion         privacy-officer  inclusion proof (?sequence=&amp;treeSize=)
 * GET  /v1/audit/proofs/consistency       privacy-officer  consistency proof (?from=&amp;to=)
 * GET  /v1/audit/anomalies                privacy-officer  anomaly report of a period (?from=&amp;to=, instants)
 * GET  /v1/audit/entries                  privacy-officer  search, paged (filters, ?after=&amp;limit=)
 * GET  /v1/audit/export                   privacy-officer  export, streamed (filters, ?format=ndjson|csv)
 * GET  /v1/audit/subject-report           privacy-officer  subject access report (?subject=…, JSON or HTML)
 * POST /v1/admin/backups                 admin            online backup into storage.backupDir (audited first)
 * GET  /health/live, /health/ready  none     probes
 * </pre>
 */
public final class HttpApi {
  /** Everything the routes need. */
  public record Dependencies(
      Authenticator authenticator,
      LookupService lookups,
      RegistrationService registrations,
      AgencyRegister agencies,
      AuditReadService auditReads,
      AnomalyReportService anomalies,
      Readiness readiness,
      BodyLimits bodies,
      AuditSearchService auditSearch,
      BackupService backups,
      RequestLog requestLog) {}

  /**
   * Request body limits: JSON bodies at most {@code maxJsonBytes}, arriving within {@code
   * jsonDeadlineMillis}; a caseload replace at most {@code maxReplaceBytes}, arriving within {@code
   * replaceDeadlineMillis}. Over a size limit: 413; too slow: 408. Either way nothing changes.
   */
  public record BodyLimits(long maxJsonBytes, long jsonDeadlineMillis, long maxReplaceBytes, long replaceDeadlineMillis) {}

  private HttpApi() {}

  public static Router router(Vertx vertx, WorkerExecutor workers, Dependencies d) {
    CallerResolver callers = new CallerResolver(d.authenticator());
    BodyLimits bodies = d.bodies();
    LookupHandler lookup =
        new LookupHandler(d.lookups(), callers, workers, bodies.maxJsonBytes(), bodies.jsonDeadlineMillis());
    RegistrationHandlers registrations = new RegistrationHandlers(
        d.registrations(), callers, workers, bodies.maxJsonBytes(), bodies.jsonDeadlineMillis());
    ReplaceHandler replace = new ReplaceHandler(
        d.registrations(), callers, workers, bodies.maxReplaceBytes(), bodies.replaceDeadlineMillis());
    AuditReadHandlers auditReads = new AuditReadHandlers(d.auditReads(), callers, workers);
    AuditSearchHandlers auditSearch = new AuditSearchHandlers(d.auditSearch(), callers, workers);
    DirectoryHandlers directory = new DirectoryHandlers(d.agencies(), callers, d.readiness());

    Router router = Router.router(vertx);
    router.route().handler(d.requestLog());
    router.route().handler(new RequestIds());
    route(router, HttpMethod.POST, "/v1/lookups", lookup);
    route(router, HttpMethod.POST, "/v1/registrations", registrations::upsert);
    route(router, HttpMethod.POST, "/v1/registrations/remove", registrations::remove);
    route(router, HttpMethod.PUT, "/v1/registrations", replace);
    route(router, HttpMethod.GET, "/v1/agencies", directory::agencies);
    route(router, HttpMethod.GET, "/v1/audit/checkpoint", auditReads::checkpoint);
    route(router, HttpMethod.GET, "/v1/audit/proofs/inclusion", auditReads::inclusion);
    route(router, HttpMethod.GET, "/v1/audit/proofs/consistency", auditReads::consistency);
    route(router, HttpMethod.GET, "/v1/audit/anomalies", new AnomalyReportHandler(d.anomalies(), callers, workers));
    route(router, HttpMethod.GET, "/v1/audit/entries", auditSearch::search);
    route(router, HttpMethod.GET, "/v1/audit/export", auditSearch::export);
    route(router, HttpMethod.GET, "/v1/audit/subject-report", auditSearch::subjectReport);
    route(router, HttpMethod.POST, "/v1/admin/backups", new BackupHandler(d.backups(), callers, workers));
    route(router, HttpMethod.GET, "/health/live", directory::live);
    route(router, HttpMethod.GET, "/health/ready", directory::ready);
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, failures); // router-level errors (no route, wrong method) as problem+json
    }
    return router;
  }

  /** {@code method path} handled by {@code handler}, with {@code path} as the request log's route template. */
  private static Route route(Router router, HttpMethod method, String path, Handler<RoutingContext> handler) {
    return router.route(method, path).handler(RequestLog.route(path)).handler(handler);
  }
}
