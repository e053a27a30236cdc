package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event-loop generator against a real Vert.x HTTP server on a free port. Request {@code i}
 * carries body {@code {"i":i}}, so the server sees which requests arrived; the assertions are on
 * exact counts and, for the stall, on lower bounds of latency (never on how fast anything ran).
 */
class LoopGeneratorTest {
  private static final String TOKEN = "loop-test-token";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Vertx vertx;
  private final Map<Integer, AtomicInteger> seen = new ConcurrentHashMap<>();
  private final Set<HttpConnection> serverConnections = ConcurrentHashMap.newKeySet();
  private final Set<String> authorizations = ConcurrentHashMap.newKeySet();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopVertx() {
    vertx.close().await();
  }

  /** A server that hands each request's index and the request itself to {@code answer}. */
  private int server(AnswerBy answer) {
    Handler<HttpServerRequest> handler = req -> req.body().onSuccess(body -> {
      String json = body.toString(StandardCharsets.UTF_8);
      int i = Integer.parseInt(json.replaceAll("[^0-9]", ""));
      seen.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
      serverConnections.add(req.connection());
      authorizations.add(String.valueOf(req.getHeader("Authorization")));
      answer.answer(i, req);
    });
    HttpServer server = vertx.createHttpServer().requestHandler(handler).listen(0, "127.0.0.1").await();
    return server.actualPort();
  }

  @FunctionalInterface
  private interface AnswerBy {
    void answer(int index, HttpServerRequest request);
  }

  private static void status(HttpServerRequest req, int status) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end("{\"results\":[]}");
  }

  private static Workload indexed(int count) {
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      bodies.add(("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return new Workload("test", Workload.LOOKUPS, List.copyOf(bodies), 1.0);
  }

  private static LoopGenerator generator(int port, Workload workload, int connections, int threads) throws Exception {
    ServiceOptions.Connection connection =
        new ServiceOptions.Connection(URI.create("http://127.0.0.1:" + port), Optional.of(TOKEN), Optional.empty());
    return new LoopGenerator(connection, workload, TIMEOUT, connections, threads, LoopTransport.choose("auto"));
  }

  private void assertEverySentOnce(int count) {
    assertThat(seen.keySet()).hasSize(count);
    assertThat(seen.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void everyScheduledRequestIsSentOnceAndEachOutcomeLandsInItsBucket() throws Exception {
    int port = server((i, req) -> {
      switch (i % 5) {
        case 0 -> status(req, 200);
        case 1 -> status(req, 429);
        case 2 -> status(req, 503);
        case 3 -> status(req, 500);
        default -> req.connection().close(); // no answer: a transport error
      }
    });
    RunResult r;
    try (LoopGenerator g = generator(port, indexed(200), 4, 1)) {
      r = g.run(new Schedule(200, Duration.ofSeconds(1)), 0);
    }
    assertThat(r.scheduled()).isEqualTo(200);
    assertEverySentOnce(200);
    assertThat(r.ok()).isEqualTo(40);
    assertThat(r.tooManyRequests()).isEqualTo(40);
    assertThat(r.unavailable()).isEqualTo(40);
    assertThat(r.otherStatus()).isEqualTo(40);
    assertThat(r.transportErrors()).isEqualTo(40);
    assertThat(r.unfinished()).isZero();
    assertThat(r.failures()).isEqualTo(160);
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(200);
    assertThat(r.elapsedNanos()).isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(authorizations).containsExactly("Bearer " + TOKEN);
  }

  @Test
  void requestsDueDuringAStallCountTheirWaitFromTheDueTime() throws Exception {
    int port = server((i, req) -> {
      if (i == 20) {
        vertx.setTimer(300, t -> status(req, 200));
      } else {
        status(req, 200);
      }
    });
    RunResult r;
    try (LoopGenerator g = generator(port, indexed(100), 1, 1)) {
      r = g.run(new Schedule(100, Duration.ofSeconds(1)), 0);
    }
    assertEverySentOnce(100);
    assertThat(r.ok()).isEqualTo(100);
    // Request 20 takes at least 300 ms; on the one connection, request 20 + k (due 10·k ms after
    // it) cannot go out before that answer, so it waits at least 300 − 10·k ms from its due time.
    assertThat(r.maxMicros()).isGreaterThanOrEqualTo(300_000);
    assertThat(r.latencyMicros().getCountBetweenValues(150_000, Long.MAX_VALUE)).isGreaterThanOrEqualTo(16);
    assertThat(r.latencyMicros().getCountBetweenValues(250_000, Long.MAX_VALUE)).isGreaterThanOrEqualTo(6);
    assertThat(r.lateSends()).isGreaterThanOrEqualTo(15);
  }

  @Test
  void severalEventLoopsSplitTheScheduleAndConnectionsAndMergeTheirCounts() throws Exception {
    int port = server((i, req) -> status(req, i % 4 == 0 ? 429 : 200));
    RunResult warm;
    RunResult r;
    try (LoopGenerator g = generator(port, indexed(400), 7, 3)) {
      assertThat(g.description()).endsWith("3 event loops)");
      warm = g.run(new Schedule(100, Duration.ofMillis(1000)), 0);
      r = g.run(new Schedule(300, Duration.ofSeconds(1)), 100);
    }
    assertEverySentOnce(400); // indexes 0–99 in the first run, 100–399 in the second
    assertThat(warm.scheduled()).isEqualTo(100);
    assertThat(warm.ok() + warm.tooManyRequests()).isEqualTo(100);
    assertThat(r.scheduled()).isEqualTo(300);
    assertThat(r.tooManyRequests()).isEqualTo(75);
    assertThat(r.ok()).isEqualTo(225);
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(300);
    assertThat(r.unfinished()).isZero();
    assertThat(serverConnections).hasSize(7); // 3 + 2 + 2, opened before the run, each used
  }

  @Test
  void aConnectionTheServerClosesIsATransportErrorAndTheRunGoesOn() throws Exception {
    int port = server((i, req) -> {
      if (i == 10) {
        req.connection().close();
      } else {
        status(req, 200);
      }
    });
    RunResult r;
    try (LoopGenerator g = generator(port, indexed(50), 2, 1)) {
      r = g.run(new Schedule(100, Duration.ofMillis(500)), 0);
    }
    assertEverySentOnce(50);
    assertThat(r.transportErrors()).isEqualTo(1);
    assertThat(r.ok()).isEqualTo(49);
    assertThat(r.unfinished()).isZero();
    assertThat(serverConnections).hasSize(3); // the closed one was opened again
  }

  @Test
  void withNoServerEveryRequestIsATransportError() throws Exception {
    HttpServer gone = vertx.createHttpServer().requestHandler(req -> {}).listen(0, "127.0.0.1").await();
    int port = gone.actualPort();
    gone.close().await();
    RunResult r;
    try (LoopGenerator g = generator(port, indexed(20), 2, 1)) {
      r = g.run(new Schedule(100, Duration.ofMillis(200)), 0);
    }
    assertThat(r.scheduled()).isEqualTo(20);
    assertThat(r.transportErrors()).isEqualTo(20);
    assertThat(r.unfinished()).isZero();
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(20);
  }
}
