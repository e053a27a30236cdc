package nl.hitmachine.service.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Serves {@link HttpApi} on one event loop; deploy one instance per event loop. */
public final class HttpApiVerticle extends VerticleBase {
  private final String host;
  private final int port;
  private final HttpApi.Dependencies dependencies;
  private final ServerTls tls;
  private final String workerPoolName;
  private final int workerPoolSize;
  private volatile int actualPort = -1;
  private volatile HttpServer server;

  /** Plain HTTP. */
  public HttpApiVerticle(String host, int port, HttpApi.Dependencies dependencies, String workerPoolName, int workerPoolSize) {
    this(host, port, null, dependencies, workerPoolName, workerPoolSize);
  }

  /** With {@code tls} (or plain HTTP when it is null). */
  public HttpApiVerticle(String host, int port, ServerTls tls, HttpApi.Dependencies dependencies, String workerPoolName,
      int workerPoolSize) {
    this.tls = tls;
    this.host = host;
    this.port = port;
    this.dependencies = dependencies;
    this.workerPoolName = workerPoolName;
    this.workerPoolSize = workerPoolSize;
  }

  @Override
  public Future<?> start() {
    WorkerExecutor workers = vertx.createSharedWorkerExecutor(workerPoolName, workerPoolSize);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(host)
        .setPort(port)
        .setMaxHeaderSize(16 * 1024)
        .setIdleTimeout(120)
        .setCompressionSupported(false);
    if (tls != null) {
      tls.applyTo(options);
    }
    server = vertx.createHttpServer(options)
        .requestHandler(HttpApi.router(vertx, workers, dependencies));
    return server.listen().onSuccess(s -> actualPort = s.actualPort());
  }

  /**
   * Graceful stop: the server stops accepting connections at once; each open connection is closed
   * when its request in flight has been answered (an idle keep-alive connection at once), or after
   * {@code drain} at the latest.
   */
  public Future<Void> shutdown(Duration drain) {
    HttpServer s = server;
    return s == null ? Future.succeededFuture() : s.shutdown(drain.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port actually bound (useful with port 0), or -1 before start. */
  public int actualPort() {
    return actualPort;
  }
}
