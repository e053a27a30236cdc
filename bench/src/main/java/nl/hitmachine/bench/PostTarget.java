package nl.hitmachine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/** POSTs a JSON body per request index (registration batches), asynchronously; answers discarded. */
final class PostTarget implements Target, AutoCloseable {
  private final HttpClient client;
  private final URI uri;
  private final String authorization;
  private final LongFunction<byte[]> bodies;
  private final Duration timeout;

  PostTarget(ServiceOptions.Connection connection, String path, LongFunction<byte[]> bodies, Duration timeout) {
    this.client = connection.httpClient();
    this.uri = connection.base().resolve(path);
    this.authorization = connection.authorization().orElse(null);
    this.bodies = bodies;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<Integer> send(long index) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.apply(index)));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "PostTarget[" + uri + ", token=redacted]";
  }
}
