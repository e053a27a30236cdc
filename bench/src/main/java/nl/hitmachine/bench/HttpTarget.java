package nl.hitmachine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The workload's requests (POST of its bodies, or GET for the liveness scenario) with the JDK
 * HttpClient's asynchronous API (HTTP/1.1, keep-alive, TLS when the connection has it): {@link
 * #send} returns at once; the connection pool grows to at most the runner's in-flight cap.
 * Response bodies are discarded unread. Requests are spread round-robin over {@code clients} JDK
 * clients: each has one selector thread, which limits one client's rate.
 */
final class HttpTarget implements Target.Closing {
  private final HttpClient[] clients;
  private final URI uri;
  private final String authorization;
  private final Workload workload;
  private final Duration requestTimeout;

  HttpTarget(ServiceOptions.Connection connection, Workload workload, Duration requestTimeout) {
    this(connection, workload, requestTimeout, 1);
  }

  HttpTarget(ServiceOptions.Connection connection, Workload workload, Duration requestTimeout, int clients) {
    if (clients < 1) {
      throw new IllegalArgumentException("at least one HTTP client is needed");
    }
    this.clients = new HttpClient[clients];
    for (int i = 0; i < clients; i++) {
      this.clients[i] = connection.httpClient();
    }
    this.uri = connection.base().resolve(workload.path());
    this.authorization = connection.authorization().orElse(null);
    this.workload = workload;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public CompletableFuture<Integer> send(long index) {
    byte[] body = workload.body(index);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(requestTimeout);
    if (body == null) {
      request.GET();
    } else {
      request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
    }
    HttpClient client = clients[(int) Math.floorMod(index, (long) clients.length)];
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  @Override
  public void close() {
    for (HttpClient client : clients) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "HttpTarget[" + uri + ", token=redacted]";
  }
}
