package nl.hitmachine.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * POST /v1/lookups with the JDK HttpClient's asynchronous API (HTTP/1.1, keep-alive): {@link #send}
 * returns at once; the connection pool grows to at most the runner's in-flight cap. Response bodies
 * are discarded unread.
 */
final class HttpTarget implements Target, AutoCloseable {
  private final HttpClient client;
  private final URI lookups;
  private final String authorization;
  private final Workload workload;
  private final Duration requestTimeout;

  HttpTarget(URI baseUri, String token, Workload workload, Duration requestTimeout) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.lookups = baseUri.resolve("/v1/lookups");
    this.authorization = "Bearer " + token;
    this.workload = workload;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public CompletableFuture<Integer> send(long index) {
    HttpRequest request =
        HttpRequest.newBuilder(lookups)
            .timeout(requestTimeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(workload.body(index)))
            .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "HttpTarget[" + lookups + ", token=redacted]";
  }
}
