package nl.hitmachine.service.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The management port: an HTTP server of its own (never the API server) that answers
 * {@code GET /metrics} (and {@code HEAD}) with the Prometheus text format, the probes {@code GET
 * /health/live} and {@code GET /health/ready} (the same answers as on the API port, but in plain
 * HTTP without a client certificate — for orchestrators when the API requires mutual TLS), and 404
 * to everything else. The scrape runs on a Vert.x worker thread, so gauges that read RocksDB or take the audit
 * log's lock never run on the event loop. No credentials: bind it to loopback or a management
 * network only (it shows no identifiers of people, only counts).
 */
public final class ManagementServer {
  private final HttpServer server;

  private ManagementServer(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on {@code host:port} (0 = a free port). */
  public static Future<ManagementServer> start(Vertx vertx, ServiceMetrics metrics, Supplier<List<String>> readiness,
      String host, int port) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxHeaderSize(8 * 1024)
            .setIdleTimeout(60)
            .setCompressionSupported(true))
        .requestHandler(request -> handle(vertx, metrics, readiness, request));
    return server.listen().map(ManagementServer::new);
  }

  private static void handle(Vertx vertx, ServiceMetrics metrics, Supplier<List<String>> readiness,
      HttpServerRequest request) {
    boolean get = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    if (get && "/health/live".equals(request.path())) {
      request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
      return;
    }
    if (get && "/health/ready".equals(request.path())) {
      vertx.executeBlocking(readiness::get, false).onComplete(checked -> {
        List<String> failed = checked.succeeded() ? checked.result() : List.of("readiness");
        JsonObject body = new JsonObject().put("status", failed.isEmpty() ? "UP" : "DOWN");
        if (!failed.isEmpty()) {
          body.put("failed", new JsonArray(failed));
        }
        request.response().setStatusCode(failed.isEmpty() ? 200 : 503)
            .putHeader("Content-Type", "application/json").end(body.encode());
      });
      return;
    }
    if (!get || !"/metrics".equals(request.path())) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("not found: this port serves only GET /metrics, /health/live and /health/ready\n");
      return;
    }
    vertx.executeBlocking(metrics::scrape, false).onComplete(scraped -> {
      if (scraped.failed()) {
        request.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
            .end("metrics could not be collected\n");
        return;
      }
      request.response().putHeader("Content-Type", ServiceMetrics.CONTENT_TYPE)
          .putHeader("Cache-Control", "no-store")
          .end(request.method() == HttpMethod.HEAD ? "" : scraped.result());
    });
  }

  /** The port actually bound. */
  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
