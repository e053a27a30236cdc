package nl.hitmachine.service.metrics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * The management port: an HTTP server of its own (never the API server) that answers
 * {@code GET /metrics} (and {@code HEAD}) with the Prometheus text format, and 404 to everything
 * else. The scrape runs on a Vert.x worker thread, so gauges that read RocksDB or take the audit
 * log's lock never run on the event loop. No credentials: bind it to loopback or a management
 * network only (it shows no identifiers of people, only counts).
 */
public final class ManagementServer {
  private final HttpServer server;

  private ManagementServer(HttpServer server) {
    this.server = server;
  }

  /** Starts listening on {@code host:port} (0 = a free port). */
  public static Future<ManagementServer> start(Vertx vertx, ServiceMetrics metrics, String host, int port) {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions()
            .setHost(host)
            .setPort(port)
            .setMaxHeaderSize(8 * 1024)
            .setIdleTimeout(60)
            .setCompressionSupported(true))
        .requestHandler(request -> handle(vertx, metrics, request));
    return server.listen().map(ManagementServer::new);
  }

  private static void handle(Vertx vertx, ServiceMetrics metrics, HttpServerRequest request) {
    boolean get = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
    if (!get || !"/metrics".equals(request.path())) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("not found: this port serves only GET /metrics\n");
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
