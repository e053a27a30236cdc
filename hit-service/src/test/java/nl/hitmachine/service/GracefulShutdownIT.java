package nl.hitmachine.service;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.config.ConfigLoader;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.tools.AuditCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM in the middle of load loses nothing that was acknowledged: hit-service runs as a child
 * JVM; registration writers and lookup clients drive it over HTTP; {@link Process#destroy()} sends
 * SIGTERM while they run, with one registration certainly in flight (half its body sent), which must
 * still be answered 200 once the listener is closed. Then, on the stopped data directory: the audit log verifies with its
 * checkpoints ({@code audit verify}) and the final checkpoint covers every entry; every answered
 * lookup's receipt (sequence and entry hash) is in the log; and, reopened, the index answers every
 * acknowledged registration. Every request got a 200, a clean 503 or a connection error — never
 * another status — and the child printed its one-line shutdown summary.
 */
class GracefulShutdownIT {
  private static final int WRITERS = 3;
  private static final int LOOKERS = 3;
  private static final int BATCH = 20;

  @TempDir Path dir;

  private final Set<String> acknowledgedSubjects = ConcurrentHashMap.newKeySet();
  private final Map<Long, String> receipts = new ConcurrentHashMap<>(); // sequence -> entry hash
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final AtomicInteger connectionErrors = new AtomicInteger();
  private final AtomicInteger answeredBeforeSignal = new AtomicInteger();
  private final AtomicBoolean signalled = new AtomicBoolean();

  @Test
  void sigtermUnderLoad_losesNothingAcknowledged() throws Exception {
    ServiceProcess service = ServiceProcess.start(dir, "");
    List<Thread> clients = new ArrayList<>();
    List<String> stdout;
    // one request certainly in flight at the signal: its headers and half its body are sent first,
    // and the load starts once the service counts it in flight (the rest of the body follows the signal)
    String slowSubject = TestService.pseudonym();
    byte[] body = new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", slowSubject)))
        .encode().getBytes(StandardCharsets.UTF_8);
    try (service; Socket slow = new Socket("127.0.0.1", service.port)) {
      OutputStream out = slow.getOutputStream();
      out.write(("POST /v1/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + LEERPLICHT
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, body.length / 2);
      out.flush();
      awaitRequestsInFlight(service, 1);

      CountDownLatch warm = new CountDownLatch(200);
      for (int i = 0; i < WRITERS; i++) {
        clients.add(Thread.ofPlatform().name("writer-" + i).start(() -> drive(service, warm, true)));
      }
      for (int i = 0; i < LOOKERS; i++) {
        clients.add(Thread.ofPlatform().name("looker-" + i).start(() -> drive(service, warm, false)));
      }
      assertThat(warm.await(60, TimeUnit.SECONDS)).as("200 answers before the signal").isTrue();
      signalled.set(true);
      service.process.destroy(); // SIGTERM
      awaitListenerClosed(service.port); // the drain has begun: no new connections
      out.write(body, body.length / 2, body.length - body.length / 2);
      out.flush();
      String status = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      assertThat(status).as("the request in flight at the signal is answered in the drain").isEqualTo("HTTP/1.1 200 OK");
      acknowledgedSubjects.add(slowSubject);
      int exit = service.waitForExit(60);
      for (Thread t : clients) {
        t.join(TimeUnit.SECONDS.toMillis(30));
      }
      assertThat(exit).as("exit code after SIGTERM (128 + 15)").isEqualTo(143);
      stdout = service.stdout();
    }
    String stopped = stdout.stream().filter(l -> l.startsWith("hit-service stopped:")).findFirst()
        .orElseThrow(() -> new AssertionError("no shutdown line in " + stdout + "; stderr: " + stderr()));
    assertThat(stopped)
        .matches("hit-service stopped: reason=signal inFlight=\\d+ drained=\\d+ finalCheckpointSize=\\d+ durationMs=\\d+");
    Matcher counts = Pattern.compile("inFlight=(\\d+) drained=(\\d+)").matcher(stopped);
    assertThat(counts.find()).isTrue();
    assertThat(Integer.parseInt(counts.group(1))).as("in flight at the signal (at least the slow one)").isPositive();
    assertThat(Integer.parseInt(counts.group(2))).as("drained (at least the slow one)").isPositive();

    assertThat(statuses.keySet()).as("statuses seen (200 answered, 503 refused while stopping)").isSubsetOf(200, 503);
    assertThat(acknowledgedSubjects).isNotEmpty();
    assertThat(receipts).isNotEmpty();

    Path audit = dir.resolve("data/audit");
    StringWriter report = new StringWriter();
    int verified = AuditCommand.run(new String[] {"verify", "--audit-dir", audit.toString(), "--verifier-key",
        dir.resolve("keys/checkpoint.pub").toString(), "--format", "json"}, new PrintWriter(report), new PrintWriter(report));
    JsonObject verification = new JsonObject(report.toString());
    assertThat(verified).as(report.toString()).isZero();
    assertThat(verification.getLong("uncoveredEntries")).as("the final checkpoint covers the last entry").isZero();
    assertThat(verification.getLong("latestSignedSize")).isEqualTo(verification.getLong("entries"));
    assertThat(stopped).contains(" finalCheckpointSize=" + verification.getLong("entries") + " ");

    Map<Long, String> logged = new HashMap<>();
    try (FileAuditLog log = FileAuditLog.open(audit); Stream<StoredAuditEntry> entries = log.read(0)) {
      entries.forEach(e -> logged.put(e.sequence(), e.entryHash()));
    }
    assertThat(logged).as("every answered lookup's receipt is in the audit log").containsAllEntriesOf(receipts);

    HitServiceConfig config = new ConfigLoader().load(dir.resolve("hitmachine.yaml"), Map.of());
    try (HitService reopened = HitService.start(config, Clock.systemUTC())) {
      List<String> subjects = List.copyOf(acknowledgedSubjects);
      HttpClient http = HttpClient.newHttpClient();
      for (int from = 0; from < subjects.size(); from += 1000) {
        List<String> chunk = subjects.subList(from, Math.min(subjects.size(), from + 1000));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + reopened.port() + "/v1/lookups"))
            .header("Authorization", "Bearer " + COORDINATOR).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(lookup(chunk).encode())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonArray results = new JsonObject(r.body()).getJsonArray("results");
        for (int i = 0; i < results.size(); i++) {
          assertThat(results.getJsonObject(i).getBoolean("known")).as("acknowledged registration %d is in the index", i)
              .isTrue();
        }
      }
    }
  }

  /** Waits until the service's gauge of requests in flight reads {@code n} (at most 30 s). */
  private static void awaitRequestsInFlight(ServiceProcess service, int n) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest scrape = HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + service.managementPort + "/metrics")).build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String metrics = http.send(scrape, HttpResponse.BodyHandlers.ofString()).body();
      if (metrics.lines().anyMatch(l -> l.equals("hitmachine_http_requests_in_flight " + n + ".0"))) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the service never counted " + n + " request(s) in flight");
  }

  /** Waits until new connections to {@code port} are refused (at most 30 s). */
  private static void awaitListenerClosed(int port) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
      } catch (IOException refused) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the API port still accepts connections 30 s after SIGTERM");
  }

  private String stderr() {
    try {
      return java.nio.file.Files.readString(dir.resolve("stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** Writers register batches of new subjects; lookers look up one known subject each. */
  private void drive(ServiceProcess service, CountDownLatch warm, boolean writer) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> mine = new ArrayList<>();
    while (true) {
      boolean afterSignal = signalled.get();
      try {
        HttpRequest.Builder request;
        List<String> batch = new ArrayList<>();
        if (writer || mine.isEmpty()) {
          JsonArray items = new JsonArray();
          for (int i = 0; i < BATCH; i++) {
            String p = TestService.pseudonym();
            batch.add(p);
            items.add(new JsonObject().put("subject", p));
          }
          request = HttpRequest.newBuilder(service.uri("/v1/registrations"))
              .header("Authorization", "Bearer " + LEERPLICHT)
              .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("registrations", items).encode()));
        } else {
          request = HttpRequest.newBuilder(service.uri("/v1/lookups"))
              .header("Authorization", "Bearer " + COORDINATOR)
              .POST(HttpRequest.BodyPublishers.ofString(
                  lookup(List.of(mine.get(answeredBeforeSignal.get() % mine.size()))).encode()));
        }
        HttpResponse<String> r = http.send(request.header("Content-Type", "application/json").build(),
            HttpResponse.BodyHandlers.ofString());
        statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
        if (r.statusCode() == 200) {
          if (!batch.isEmpty()) {
            acknowledgedSubjects.addAll(batch);
            mine.addAll(batch);
          } else {
            JsonObject receipt = new JsonObject(r.body()).getJsonObject("receipt");
            receipts.put(receipt.getLong("sequence"), receipt.getString("entryHash"));
          }
          if (!afterSignal) {
            answeredBeforeSignal.incrementAndGet();
            warm.countDown();
          }
        }
      } catch (IOException e) {
        if (afterSignal || signalled.get()) {
          connectionErrors.incrementAndGet();
          if (!service.process.isAlive()) {
            return;
          }
        } else {
          throw new IllegalStateException("request failed before the signal", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!service.process.isAlive()) {
        return;
      }
    }
  }

  private static JsonObject lookup(List<String> subjects) {
    return new JsonObject().put("purpose", "screening").put("requestedBy", "shutdown-test")
        .put("subjects", new JsonArray(new ArrayList<>(subjects)));
  }
}
