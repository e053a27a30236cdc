package nl.hitmachine.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The workload's requests through a Vert.x (Netty) HTTP/1.1 client: a leaner generator than the
 * JDK client, whose single selector thread tops out near 10 000 requests/s on 2 cores. Keep-alive
 * connections from a pool of at most {@code connections}, no pipelining; every response body is
 * read to its end, which is what returns the connection to the pool. Plain HTTP only (TLS runs use
 * {@link HttpTarget}). {@link #send} returns at once.
 */
final class VertxTarget implements Target.Closing {
  private final Vertx vertx;
  private final HttpClient client;
  private final Workload workload;
  private final String authorization;
  private final RequestOptions get;
  private final RequestOptions post;

  VertxTarget(ServiceOptions.Connection connection, Workload workload, Duration requestTimeout, int connections) {
    if (connection.tls().isPresent() || !"http".equalsIgnoreCase(connection.base().getScheme())) {
      throw new IllegalArgumentException("the Vert.x generator speaks plain HTTP only; use --generator jdk for TLS");
    }
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setPipelining(false).setTcpNoDelay(true)
            .setConnectTimeout(30_000),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    this.workload = workload;
    this.authorization = connection.authorization().orElse(null);
    URI uri = connection.base().resolve(workload.path());
    int port = uri.getPort() > 0 ? uri.getPort() : 80;
    String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    this.get = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost()).setPort(port).setURI(path)
        .setIdleTimeout(requestTimeout.toMillis());
    RequestOptions p = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(port).setURI(path)
        .setIdleTimeout(requestTimeout.toMillis())
        .putHeader("Content-Type", "application/json");
    if (authorization != null) {
      p.putHeader("Authorization", authorization);
    }
    this.post = p;
  }

  @Override
  public CompletableFuture<Integer> send(long index) {
    byte[] body = workload.body(index);
    Future<Integer> status = body == null
        ? client.request(get).compose(req -> req.send()).compose(resp -> resp.body().map(b -> resp.statusCode()))
        : client.request(post).compose(req -> req.send(Buffer.buffer(body)))
            .compose(resp -> resp.body().map(b -> resp.statusCode()));
    return status.toCompletionStage().toCompletableFuture();
  }

  @Override
  public void close() {
    client.close().await();
    vertx.close().await();
  }

  @Override
  public String toString() {
    return "VertxTarget[" + get.getHost() + ":" + get.getPort() + get.getURI() + ", token=redacted]";
  }
}
