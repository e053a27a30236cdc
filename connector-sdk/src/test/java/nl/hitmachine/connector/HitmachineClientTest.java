package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.internal.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HitmachineClientTest {
  private static final String TOKEN = "tok-leerplicht.0123456789";
  private static final Pseudonymiser PSEUDONYMISER =
      Pseudonymiser.of(PseudonymKey.generate("demo1", java.time.Clock.systemUTC(), new SecureRandom()));

  private MockHitService service;
  private HitmachineClient client;
  /** The raw BSNs behind the pseudonyms these tests send; no request body may contain one. */
  private final List<String> bsns = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    service = MockHitService.start();
    client = fastRetries(HitmachineClient.builder(service.uri(), TOKEN)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    service.close();
    service.assertNoBodyContains(bsns);
  }

  private static HitmachineClient.Builder fastRetries(HitmachineClient.Builder b) {
    return b.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)).maxAttempts(3);
  }

  /** {@code n} registrations of distinct valid BSNs, pseudonymised. */
  private List<Registration> registrations(int n) {
    List<Registration> out = new ArrayList<>(n);
    for (int prefix = 10_000_000; out.size() < n; prefix++) {
      int sum = 0;
      int rest = prefix;
      for (int w = 2; w <= 9; w++) {
        sum += w * (rest % 10);
        rest /= 10;
      }
      if (sum % 11 == 10) {
        continue;
      }
      String digits = prefix + "" + (sum % 11);
      bsns.add(digits);
      out.add(
          new Registration(
              PSEUDONYMISER.pseudonymise(Bsn.parse(digits)),
              out.size() % 2 == 0 ? LocalDate.of(2026, 12, 31) : null,
              out.size() % 3 == 0 ? "LP-" + out.size() : null));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) throws IOException {
    return (Map<String, Object>) Json.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> registrationsOf(Recorded r) throws IOException {
    return (List<Map<String, Object>>) json(r.bodyText()).get("registrations");
  }

  private static Reply countingUpserts(Recorded r) {
    try {
      return Reply.json("{\"upserted\":" + registrationsOf(r).size() + "}");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void register_25001Items_sendsBatchesOfAtMost10000InOrderAndSumsUpserted() throws Exception {
    service.handler(HitmachineClientTest::countingUpserts);
    List<Registration> regs = registrations(25_001);

    assertThat(client.register(regs)).isEqualTo(25_001);

    List<Recorded> requests = service.requests();
    assertThat(requests).hasSize(3);
    List<Object> sentSubjects = new ArrayList<>();
    for (Recorded r : requests) {
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path()).isEqualTo("/v1/registrations");
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      registrationsOf(r).forEach(m -> sentSubjects.add(m.get("subject")));
    }
    assertThat(requests).extracting(r -> registrationsOf(r).size()).containsExactly(10_000, 10_000, 5_001);
    assertThat(sentSubjects).isEqualTo(regs.stream().map(Registration::subject).toList());
  }

  @Test
  void register_optionalFields_writtenOnlyWhenSet() throws Exception {
    service.handler(HitmachineClientTest::countingUpserts);
    List<Registration> regs = registrations(2);
    client.register(regs);
    List<Map<String, Object>> sent = registrationsOf(service.requests().get(0));
    assertThat(sent.get(0)).containsExactly(
        Map.entry("subject", regs.get(0).subject()), Map.entry("validUntil", "2026-12-31"), Map.entry("ref", "LP-0"));
    assertThat(sent.get(1)).containsOnlyKeys("subject");
  }

  @Test
  void register_emptyList_sendsNothing() throws Exception {
    assertThat(client.register(List.of())).isZero();
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void register_invalidItemInSecondBatch_problemIndexesReferToTheWholeList() throws Exception {
    try (HitmachineClient small = fastRetries(HitmachineClient.builder(service.uri(), TOKEN)).batchSize(3).build()) {
      service.enqueue(
          Reply.json("{\"upserted\":3}"),
          new Reply(
              400,
              "application/problem+json",
              "{\"type\":\"https://hitmachine.nl/problems/invalid-registration\",\"title\":\"Invalid registration\","
                  + "\"status\":400,\"detail\":\"1 item is invalid; nothing was applied\","
                  + "\"errors\":[{\"index\":1,\"detail\":\"validUntil is beyond the maximum retention\"}]}",
              Map.of()));
      HitmachineProblemException e =
          catchThrowableOfType(HitmachineProblemException.class, () -> small.register(registrations(5)));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.type()).isEqualTo("https://hitmachine.nl/problems/invalid-registration");
      assertThat(e.title()).isEqualTo("Invalid registration");
      assertThat(e.detail()).isEqualTo("1 item is invalid; nothing was applied");
      assertThat(e.errors())
          .containsExactly(new HitmachineProblemException.ItemError(4L, null, "validUntil is beyond the maximum retention"));
      assertThat(e.requestId()).isEqualTo(service.requests().get(1).header("X-Request-Id")).isNotBlank();
      assertThat(e.getMessage()).contains("400", "Invalid registration", "1 item error");
      assertThat(service.requests()).hasSize(2); // a 400 is not retried
    }
  }

  @Test
  void remove_pseudonyms_postsSubjectsAndReturnsRemoved() throws Exception {
    service.enqueue(Reply.json("{\"removed\":2}"));
    List<String> subjects = registrations(3).stream().map(Registration::subject).toList();
    assertThat(client.remove(subjects)).isEqualTo(2);
    Recorded r = service.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/registrations/remove");
    assertThat(json(r.bodyText())).containsExactly(Map.entry("subjects", subjects));
  }

  @Test
  void remove_rawBsn_refusedBeforeSendingAnything() {
    assertThatThrownBy(() -> client.remove(List.of("123456782")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("123456782");
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void replaceCaseload_iterable_putsOneNdjsonLinePerRegistrationChunked() throws Exception {
    service.enqueue(Reply.json("{\"added\":20000,\"removed\":7,\"kept\":5000}"));
    List<Registration> regs = registrations(25_000);

    ReplaceResult result = client.replaceCaseload(regs);

    assertThat(result).isEqualTo(new ReplaceResult(20_000, 7, 5_000));
    Recorded r = service.requests().get(0);
    assertThat(r.method()).isEqualTo("PUT");
    assertThat(r.path()).isEqualTo("/v1/registrations");
    assertThat(r.header("Content-Type")).isEqualTo("application/x-ndjson");
    assertThat(r.header("Transfer-Encoding")).isEqualToIgnoringCase("chunked");
    assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.bodyText()).endsWith("}\n");
    List<String> lines = r.lines();
    assertThat(lines).hasSize(25_000);
    for (int i = 0; i < lines.size(); i += 997) {
      Map<String, Object> line = json(lines.get(i));
      assertThat(line.get("subject")).isEqualTo(regs.get(i).subject());
      assertThat(line.get("validUntil")).isEqualTo(regs.get(i).validUntil() == null ? null : "2026-12-31");
      assertThat(line.get("ref")).isEqualTo(regs.get(i).ref());
    }
  }

  @Test
  void replaceCaseload_emptyCaseload_sendsEmptyBody() throws Exception {
    service.enqueue(Reply.json("{\"added\":0,\"removed\":12,\"kept\":0}"));
    assertThat(client.replaceCaseload(List.of())).isEqualTo(new ReplaceResult(0, 12, 0));
    assertThat(service.requests().get(0).body()).isEmpty();
  }

  @Test
  void replaceCaseload_largeLazySource_isReadWhileSendingNotMaterialised() throws Exception {
    int total = 400_000;
    String subject = registrations(1).get(0).subject();
    AtomicLong produced = new AtomicLong();
    Iterator<Registration> source =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return produced.get() < total;
          }

          @Override
          public Registration next() {
            produced.incrementAndGet();
            return new Registration(subject, null, "R-" + produced.get());
          }
        };
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    CompletableFuture<long[]> observed = new CompletableFuture<>();
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              BufferedReader in =
                  new BufferedReader(new InputStreamReader(exchange.getRequestBody(), StandardCharsets.UTF_8))) {
            in.readLine();
            long atFirstLine = produced.get();
            try {
              Thread.sleep(300); // the client must stall on back-pressure, not buffer everything
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            long afterPause = produced.get();
            long lines = 1;
            while (in.readLine() != null) {
              lines++;
            }
            observed.complete(new long[] {atFirstLine, afterPause, lines});
            byte[] answer = ("{\"added\":" + lines + ",\"removed\":0,\"kept\":0}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    server.start();
    try (HitmachineClient c =
        HitmachineClient.builder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), TOKEN).build()) {
      assertThat(c.replaceCaseload(source).added()).isEqualTo(total);
    } finally {
      server.stop(0);
    }
    long[] seen = observed.get(5, TimeUnit.SECONDS);
    assertThat(seen[2]).isEqualTo(total);
    assertThat(seen[0]).as("produced when the server read the first line").isLessThan(total / 2);
    assertThat(seen[1]).as("produced while the server paused").isLessThan(total);
  }

  @Test
  void replaceCaseload_sourceFailsHalfway_throwsTheSourceException() {
    service.handler(r -> Reply.json("{\"added\":0,\"removed\":0,\"kept\":0}"));
    List<Registration> good = registrations(3_000);
    Stream<Registration> caseload =
        Stream.concat(good.stream(), Stream.of("123456789").map(s -> Registration.of(PSEUDONYMISER.pseudonymise(Bsn.parse(s)))));
    InvalidBsnException e = catchThrowableOfType(InvalidBsnException.class, () -> client.replaceCaseload(caseload));
    assertThat(e.reason()).isEqualTo(InvalidBsnException.Reason.CHECK_DIGIT);
    assertThat(e.getMessage()).doesNotContain("123456789");
  }

  @Test
  void register_503ThenOk_retriedWithTheSameRequestId() throws Exception {
    service.enqueue(Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Service unavailable", null));
    service.handler(HitmachineClientTest::countingUpserts);
    assertThat(client.register(registrations(10))).isEqualTo(10);
    List<Recorded> requests = service.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).bodyText()).isEqualTo(requests.get(1).bodyText());
    assertThat(requests.get(0).header("X-Request-Id")).isEqualTo(requests.get(1).header("X-Request-Id"));
  }

  @Test
  void register_always503_givesUpAfterMaxAttemptsWithTheProblem() {
    service.handler(r -> Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Service unavailable", "audit log not writable"));
    HitmachineProblemException e =
        catchThrowableOfType(HitmachineProblemException.class, () -> client.register(registrations(1)));
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.detail()).isEqualTo("audit log not writable");
    assertThat(service.requests()).hasSize(3);
  }

  @Test
  void remove_503WithRetryAfter_retried() throws Exception {
    service.enqueue(Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Unavailable", null).withHeader("Retry-After", "0"));
    service.enqueue(Reply.json("{\"removed\":1}"));
    assertThat(client.remove(List.of(registrations(1).get(0).subject()))).isEqualTo(1);
    assertThat(service.requests()).hasSize(2);
  }

  @Test
  void register_500_notRetried() {
    service.handler(r -> Reply.problem(500, "https://hitmachine.nl/problems/internal", "Internal error", null));
    assertThatThrownBy(() -> client.register(registrations(1))).isInstanceOf(HitmachineProblemException.class);
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void lookup_503_notRetriedBecauseEveryLookupIsAudited() {
    service.handler(r -> Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Service unavailable", null));
    LookupRequest request =
        LookupRequest.builder("screening", "VH-2026-0001", "j.jansen").subject(registrations(1).get(0).subject()).build();
    HitmachineProblemException e = catchThrowableOfType(HitmachineProblemException.class, () -> client.lookup(request));
    assertThat(e.status()).isEqualTo(503);
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void lookup_429RateLimitedWithAShortWait_isSentAgainAndAnswered() throws Exception {
    String p = registrations(1).get(0).subject();
    service.enqueue(Reply.problem(429, "https://hitmachine.nl/problems/rate-limited", "Too many lookups in a short time", null)
        .withHeader("Retry-After", "0"));
    service.enqueue(Reply.json("{\"lookupId\":\"lk-1\",\"receipt\":{\"sequence\":3,\"entryHash\":\"ab\",\"treeSize\":4},"
        + "\"results\":[{\"subject\":\"" + p + "\",\"known\":false,\"agencies\":[]}]}"));
    LookupResult result = client.lookup(LookupRequest.builder("screening", "VH-2026-0001", "j.jansen").subject(p).build());
    assertThat(result.results()).hasSize(1);
    assertThat(service.requests()).hasSize(2);
  }

  @Test
  void lookup_429RateLimitedWithALongWait_isNotRetried_andSaysHowLong() {
    service.handler(r -> Reply.problem(429, "https://hitmachine.nl/problems/rate-limited", "Too many lookups in a short time", null)
        .withHeader("Retry-After", "30"));
    LookupRequest request =
        LookupRequest.builder("screening", "VH-2026-0001", "j.jansen").subject(registrations(1).get(0).subject()).build();
    HitmachineProblemException e = catchThrowableOfType(HitmachineProblemException.class, () -> client.lookup(request));
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void lookup_429QuotaExceeded_isNotRetried_andSaysWhenTheQuotaResets() {
    service.handler(r -> Reply.problem(429, "https://hitmachine.nl/problems/quota-exceeded", "The daily lookup quota is used up", null)
        .withHeader("Retry-After", "0"));
    LookupRequest request =
        LookupRequest.builder("screening", "VH-2026-0001", "j.jansen").subject(registrations(1).get(0).subject()).build();
    HitmachineProblemException e = catchThrowableOfType(HitmachineProblemException.class, () -> client.lookup(request));
    assertThat(e.type()).isEqualTo("https://hitmachine.nl/problems/quota-exceeded");
    assertThat(e.retryAfter()).contains(Duration.ZERO);
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void replaceCaseload_iterableAfter503_resendsTheWholeCaseload() throws Exception {
    service.enqueue(Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Service unavailable", null));
    service.enqueue(Reply.json("{\"added\":500,\"removed\":0,\"kept\":0}"));
    assertThat(client.replaceCaseload(registrations(500)).added()).isEqualTo(500);
    List<Recorded> requests = service.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).lines()).hasSize(500);
    assertThat(requests.get(1).bodyText()).isEqualTo(requests.get(0).bodyText());
  }

  @Test
  void replaceCaseload_streamAfter503_notRetriedBecauseTheStreamWasConsumed() {
    service.handler(r -> Reply.problem(503, "https://hitmachine.nl/problems/unavailable", "Service unavailable", null));
    List<Registration> regs = registrations(500);
    HitmachineProblemException e =
        catchThrowableOfType(HitmachineProblemException.class, () -> client.replaceCaseload(regs.stream()));
    assertThat(e.status()).isEqualTo(503);
    assertThat(service.requests()).hasSize(1);
  }

  @Test
  void register_connectionRefusedUntilServiceStarts_retriedAndSucceeds() throws Exception {
    int port = freePort();
    AtomicInteger attemptsBeforeStart = new AtomicInteger();
    try (HitmachineClient c =
        HitmachineClient.builder(URI.create("http://127.0.0.1:" + port), TOKEN)
            .initialBackoff(Duration.ofMillis(400))
            .maxBackoff(Duration.ofSeconds(2))
            .maxAttempts(6)
            .build()) {
      CompletableFuture<Long> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return c.register(registrations(1));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Thread.sleep(100); // the first attempt is refused; the retry comes after at least 200 ms
      attemptsBeforeStart.set(call.isDone() ? 1 : 0);
      try (MockHitService late = MockHitService.start(port)) {
        late.handler(HitmachineClientTest::countingUpserts);
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(late.requests()).hasSize(1);
        late.assertNoBodyContains(bsns);
      }
    }
    assertThat(attemptsBeforeStart.get()).as("the call must still be retrying when the service starts").isZero();
  }

  @Test
  void replaceCaseload_streamWhileConnectionRefused_retriedBecauseNothingWasRead() throws Exception {
    int port = freePort();
    List<Registration> regs = registrations(100);
    try (HitmachineClient c =
        HitmachineClient.builder(URI.create("http://127.0.0.1:" + port), TOKEN)
            .initialBackoff(Duration.ofMillis(400))
            .maxBackoff(Duration.ofSeconds(2))
            .maxAttempts(6)
            .build()) {
      CompletableFuture<ReplaceResult> call =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return c.replaceCaseload(regs.stream());
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Thread.sleep(100);
      assertThat(call).isNotDone();
      try (MockHitService late = MockHitService.start(port)) {
        late.handler(r -> Reply.json("{\"added\":" + r.lines().size() + ",\"removed\":0,\"kept\":0}"));
        assertThat(call.get(10, TimeUnit.SECONDS).added()).isEqualTo(100);
        assertThat(late.requests()).hasSize(1);
      }
    }
  }

  @Test
  void lookup_connectionRefused_notRetried() throws Exception {
    int port = freePort();
    try (HitmachineClient c =
        HitmachineClient.builder(URI.create("http://127.0.0.1:" + port), TOKEN)
            .initialBackoff(Duration.ofSeconds(10))
            .maxBackoff(Duration.ofSeconds(10))
            .build()) {
      LookupRequest request = LookupRequest.builder("screening", "VH-1", "j").subject(registrations(1).get(0).subject()).build();
      long start = System.nanoTime();
      assertThatThrownBy(() -> c.lookup(request)).isInstanceOf(ConnectException.class);
      // A retry would first wait at least 5 s (half the initial backoff).
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void lookup_subjectsAliasesAndHousehold_sendsTheDocumentedBodyAndParsesTheAnswer() throws Exception {
    List<Registration> regs = registrations(3);
    String a = regs.get(0).subject();
    String b = regs.get(1).subject();
    String c = regs.get(2).subject();
    String bOld = "old." + b.substring(b.indexOf('.') + 1);
    service.enqueue(
        Reply.json(
            "{\"lookupId\":\"lk-42\",\"receipt\":{\"seq\":17,\"entryHash\":\"ab12\",\"checkpoint\":{\"size\":18}},"
                + "\"results\":["
                + "{\"subject\":\"" + a + "\",\"known\":true,\"agencies\":[{\"code\":\"leerplicht\",\"name\":\"Leerplicht\",\"domain\":\"onderwijs\"}]},"
                + "{\"subject\":[\"" + b + "\",\"" + bOld + "\"],\"known\":false,\"permitted\":false,\"agencies\":[]}],"
                + "\"households\":[{\"ref\":\"H000017\",\"results\":["
                + "{\"subject\":\"" + a + "\",\"known\":true,\"agencies\":[{\"code\":\"leerplicht\",\"name\":\"Leerplicht\",\"domain\":\"onderwijs\"}]},"
                + "{\"subject\":\"" + c + "\",\"known\":true,\"permitted\":true,\"agencies\":[{\"code\":\"protected\",\"name\":\"known to a protected service\",\"domain\":\"justitie\"},"
                + "{\"code\":\"schuldhulp\",\"name\":\"Schuldhulp\",\"domain\":\"financien\"}]}],"
                + "\"agencies\":[{\"code\":\"leerplicht\",\"name\":\"Leerplicht\",\"domain\":\"onderwijs\"}],"
                + "\"domains\":[\"onderwijs\",\"justitie\",\"financien\"],\"signal\":true,\"future\":1}]}"));
    LookupRequest request =
        LookupRequest.builder("screening", "VH-2026-0001", "demo.coordinator")
            .subject(a)
            .subject(b, bOld)
            .household("H000017", List.of(List.of(a), List.of(c)))
            .build();

    LookupResult result = client.lookup(request);

    Recorded r = service.requests().get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/v1/lookups");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    Map<String, Object> sent = json(r.bodyText());
    assertThat(sent)
        .containsEntry("purpose", "screening")
        .containsEntry("caseRef", "VH-2026-0001")
        .containsEntry("requestedBy", "demo.coordinator")
        .containsEntry("subjects", List.of(a, List.of(b, bOld)))
        .containsEntry("households", List.of(Map.of("ref", "H000017", "members", List.of(a, c))));

    assertThat(result.lookupId()).isEqualTo("lk-42");
    assertThat(result.receipt()).containsEntry("seq", 17L).containsEntry("checkpoint", Map.of("size", 18L));
    assertThat(result.results()).hasSize(2);
    assertThat(result.results().get(0))
        .isEqualTo(new SubjectResult(a, true, true, List.of(new Agency("leerplicht", "Leerplicht", "onderwijs"))));
    assertThat(result.results().get(1)).isEqualTo(new SubjectResult(b, false, false, List.of()));
    HouseholdResult h = result.households().get(0);
    assertThat(h.ref()).isEqualTo("H000017");
    assertThat(h.signal()).isTrue();
    assertThat(h.domains()).containsExactly("onderwijs", "justitie", "financien");
    assertThat(h.results().get(1).agencies()).extracting(Agency::code).containsExactly("protected", "schuldhulp");
  }

  @Test
  void lookup_nonJsonErrorPage_genericProblemWithTheStatus() {
    service.enqueue(new Reply(502, "text/html", "<html>Bad gateway</html>", Map.of()));
    LookupRequest request = LookupRequest.builder("screening", "VH-1", "j").subject(registrations(1).get(0).subject()).build();
    HitmachineProblemException e = catchThrowableOfType(HitmachineProblemException.class, () -> client.lookup(request));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.type()).isEqualTo("about:blank");
    assertThat(e.getMessage()).doesNotContain("html");
  }

  @Test
  void register_malformedSuccessAnswer_ioExceptionNamingTheProblem() {
    service.enqueue(Reply.json("{\"ok\":true}"));
    assertThatThrownBy(() -> client.register(registrations(1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("upserted");
  }

  @Test
  void builder_basePathPrefix_keptInRequestPaths() throws Exception {
    service.enqueue(Reply.json("{\"removed\":0}"));
    try (HitmachineClient prefixed = HitmachineClient.builder(service.uri().resolve("/hm"), TOKEN).build()) {
      prefixed.remove(List.of(registrations(1).get(0).subject()));
    }
    assertThat(service.requests().get(0).path()).isEqualTo("/hm/v1/registrations/remove");
  }

  @Test
  void builder_invalidArguments_rejected() {
    URI ok = URI.create("https://hit.example.nl");
    assertThatThrownBy(() -> HitmachineClient.builder(URI.create("ftp://x"), TOKEN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HitmachineClient.builder(URI.create("/relative"), TOKEN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HitmachineClient.builder(ok, "two words")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HitmachineClient.builder(ok, "")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HitmachineClient.builder(ok, TOKEN).batchSize(10_001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HitmachineClient.builder(ok, TOKEN).maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_mutualTlsOptions_needHttpsAndACredential_andClearThePassword() throws Exception {
    URI ok = URI.create("https://hit.example.nl");
    assertThatThrownBy(() -> HitmachineClient.builder(ok).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bearer token or a client certificate");
    assertThatThrownBy(() -> HitmachineClient.builder(URI.create("http://hit.example.nl"))
        .sslContext(javax.net.ssl.SSLContext.getDefault()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    java.nio.file.Path missing = java.nio.file.Path.of("does-not-exist.pem");
    assertThatThrownBy(() -> HitmachineClient.builder(ok).sslContext(javax.net.ssl.SSLContext.getDefault())
        .trustStore(missing).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
    char[] password = "secret".toCharArray();
    HitmachineClient.Builder withMissingFile = HitmachineClient.builder(ok)
        .clientCertificate(java.nio.file.Path.of("does-not-exist.p12"), password);
    assertThat(password).containsOnly('\0');
    assertThatThrownBy(withMissingFile::build).isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining("does-not-exist.p12").hasMessageNotContaining("secret");
    assertThatThrownBy(withMissingFile::build).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call clientCertificate again");
    HitmachineClient.builder(ok).sslContext(javax.net.ssl.SSLContext.getDefault()).build().close();
  }

  @Test
  void toString_neverShowsTheToken() {
    assertThat(client.toString()).doesNotContain(TOKEN);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
