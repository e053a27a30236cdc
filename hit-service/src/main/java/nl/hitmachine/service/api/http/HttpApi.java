package nl.hitmachine.service.api.http;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.util.function.BooleanSupplier;
import nl.hitmachine.service.auth.Authenticator;
import nl.hitmachine.service.hit.AgencyRegister;
import nl.hitmachine.service.hit.AnomalyReportService;
import nl.hitmachine.service.hit.AuditReadService;
import nl.hitmachine.service.hit.AuditSearchService;
import nl.hitmachine.service.hit.BackupService;
import nl.hitmachine.service.hit.LookupService;
import nl.hitmachine.service.hit.RegistrationService;

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
      BooleanSupplier ready,
      BodyLimits bodies,
      AuditSearchService auditSearch,
      BackupService backups) {}

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
    DirectoryHandlers directory = new DirectoryHandlers(d.agencies(), callers, d.ready());

    Router router = Router.router(vertx);
    router.route().handler(new RequestIds());
    router.post("/v1/lookups").handler(lookup);
    router.post("/v1/registrations").handler(registrations::upsert);
    router.post("/v1/registrations/remove").handler(registrations::remove);
    router.put("/v1/registrations").handler(replace);
    router.get("/v1/agencies").handler(directory::agencies);
    router.get("/v1/audit/checkpoint").handler(auditReads::checkpoint);
    router.get("/v1/audit/proofs/inclusion").handler(auditReads::inclusion);
    router.get("/v1/audit/proofs/consistency").handler(auditReads::consistency);
    router.get("/v1/audit/anomalies").handler(new AnomalyReportHandler(d.anomalies(), callers, workers));
    router.get("/v1/audit/entries").handler(auditSearch::search);
    router.get("/v1/audit/export").handler(auditSearch::export);
    router.get("/v1/audit/subject-report").handler(auditSearch::subjectReport);
    router.post("/v1/admin/backups").handler(new BackupHandler(d.backups(), callers, workers));
    router.get("/health/live").handler(directory::live);
    router.get("/health/ready").handler(directory::ready);
    FailureHandler failures = new FailureHandler();
    router.route().failureHandler(failures);
    for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
      router.errorHandler(status, failures); // router-level errors (no route, wrong method) as problem+json
    }
    return router;
  }
}
