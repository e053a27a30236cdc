package nl.hitmachine.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny stand-in for hit-service's POST /v1/lookups on a free loopback port: 401 without the
 * expected token, 429 for every {@code tooManyEvery}-th request, 200 otherwise.
 */
final class HitStub implements AutoCloseable {
  final AtomicLong requests = new AtomicLong();
  final AtomicReference<String> lastBody = new AtomicReference<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  HitStub(String token, int tooManyEvery) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    server.createContext(
        "/v1/lookups",
        exchange -> {
          try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            lastBody.set(body);
            int status;
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || !"POST".equals(exchange.getRequestMethod())) {
              status = 401;
            } else if (requests.incrementAndGet() % tooManyEvery == 0) {
              status = 429;
            } else {
              status = 200;
            }
            byte[] answer = "{\"results\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
