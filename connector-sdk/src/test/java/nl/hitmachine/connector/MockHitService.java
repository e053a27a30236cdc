package nl.hitmachine.connector;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted stand-in for hit-service on a loopback port: records every request and answers from a
 * queue of replies, then from a handler function.
 */
public final class MockHitService implements AutoCloseable {
  /** A request as received (body fully read, chunked encoding removed). */
  public record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body) {
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public List<String> lines() {
      String text = bodyText();
      return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
  }

  /** An answer to send. */
  public record Reply(int status, String contentType, String body, Map<String, String> headers) {
    public static Reply json(String body) {
      return new Reply(200, "application/json", body, Map.of());
    }

    public static Reply problem(int status, String type, String title, String detail) {
      String json =
          "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
              + (detail == null ? "" : ",\"detail\":\"" + detail + "\"") + "}";
      return new Reply(status, "application/problem+json", json, Map.of());
    }

    public Reply withHeader(String name, String value) {
      Map<String, String> h = new java.util.LinkedHashMap<>(headers);
      h.put(name, value);
      return new Reply(status, contentType, body, h);
    }
  }

  private final HttpServer server;
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Deque<Reply> queue = new ArrayDeque<>();
  private volatile Function<Recorded, Reply> handler =
      r -> Reply.problem(500, "https://test/unscripted", "Unscripted request", null);

  private MockHitService(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts on a free port. */
  public static MockHitService start() throws IOException {
    return new MockHitService(0);
  }

  /** Starts on {@code port}. */
  public static MockHitService start(int port) throws IOException {
    return new MockHitService(port);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers the next requests with these replies, in order. */
  public synchronized MockHitService enqueue(Reply... replies) {
    queue.addAll(List.of(replies));
    return this;
  }

  /** Answers requests when the queue is empty. */
  public MockHitService handler(Function<Recorded, Reply> handler) {
    this.handler = handler;
    return this;
  }

  public List<Recorded> requests() {
    return List.copyOf(requests);
  }

  /** Fails if any recorded request body contains any of {@code forbidden} (e.g. raw BSNs). */
  public void assertNoBodyContains(Collection<String> forbidden) {
    // Linear in the body size: slide a window of each forbidden length over the body.
    java.util.Map<Integer, java.util.Set<String>> byLength = new java.util.HashMap<>();
    for (String f : forbidden) {
      byLength.computeIfAbsent(f.length(), k -> new java.util.HashSet<>()).add(f);
    }
    for (Recorded r : requests) {
      String body = r.bodyText();
      for (Map.Entry<Integer, java.util.Set<String>> e : byLength.entrySet()) {
        int length = e.getKey();
        for (int i = 0; i + length <= body.length(); i++) {
          if (e.getValue().contains(body.substring(i, i + length))) {
            throw new AssertionError("a request body to " + r.path() + " contains a forbidden value");
          }
        }
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      Recorded recorded =
          new Recorded(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              body);
      requests.add(recorded);
      Reply reply;
      synchronized (this) {
        reply = queue.poll();
      }
      if (reply == null) {
        reply = handler.apply(recorded);
      }
      byte[] answer = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
      if (reply.contentType() != null) {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      }
      String requestId = recorded.header("X-Request-Id");
      if (requestId != null) {
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
      if (answer.length > 0) {
        exchange.getResponseBody().write(answer);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
