package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.connector.PseudonymKey;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hitmachine-bench run} end to end against {@link HitStub}; no timing assertions on latency. */
class BenchCommandIT {
  private static final String TOKEN = "stub-token-0123456789";

  @TempDir Path dir;
  private Path keyDir;
  private Path tokenFile;

  @BeforeEach
  void keyAndToken() throws IOException {
    keyDir = Files.createDirectories(dir.resolve("keys"));
    PseudonymKey.generate("demo1", Clock.systemUTC()).write(keyDir.resolve("demo1.key"));
    tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");
  }

  private record Outcome(int exitCode, String out) {
    long number(String field) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\" : (-?[0-9.E]+)").matcher(out);
      assertThat(m.find()).as("field %s in %s", field, out).isTrue();
      return (long) Double.parseDouble(m.group(1));
    }

    double decimal(String field) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\" : (-?[0-9.E]+)").matcher(out);
      assertThat(m.find()).as("field %s in %s", field, out).isTrue();
      return Double.parseDouble(m.group(1));
    }
  }

  private Outcome bench(String... args) {
    StringWriter out = new StringWriter();
    int code = HitmachineBench.commandLine().setOut(new PrintWriter(out)).execute(args);
    return new Outcome(code, out.toString());
  }

  @ParameterizedTest(name = "generator {0}")
  @ValueSource(strings = {"loop", "vertx", "jdk"})
  void twoSecondsAt200PerSecondAchieveTheRateAndCount429sAsSuch(String generator) throws Exception {
    try (HitStub stub = new HitStub(TOKEN, 10)) {
      Path hdr = dir.resolve("hdr");
      Outcome o = bench("run", "--url", stub.uri().toString(), "--token-file", tokenFile.toString(),
          "--key-dir", keyDir.toString(), "--rate", "200", "--duration", "2s", "--warmup", "0s",
          "--runs", "1", "--connections", "16", "--format", "json", "--hdr-out", hdr.toString(),
          "--generator", generator);

      assertThat(o.exitCode()).as(o.out()).isZero();
      assertThat(o.number("scheduled")).isEqualTo(400);
      assertThat(o.number("completed")).isEqualTo(400);
      assertThat(o.number("status429")).isEqualTo(40); // every 10th of 400
      assertThat(o.number("ok")).isEqualTo(360);
      assertThat(o.number("errors")).isEqualTo(40);
      assertThat(o.number("status503")).isZero();
      assertThat(o.number("transportErrors")).isZero();
      // Never faster than scheduled; the lower bound only catches a stalled generator (a loaded
      // machine slows a 2-second run a little; the exact counts above are the real check).
      assertThat(o.decimal("achievedRate")).isBetween(100.0, 240.0);
      assertThat(stub.requests.get()).isEqualTo(400);
      assertThat(stub.lastBody.get()).contains("\"purpose\":\"screening\"").containsPattern("\"subjects\":\\[\"demo1\\.");

      // The run's histogram, read back from the HdrHistogram log, holds every answered request.
      HistogramLogReader reader = new HistogramLogReader(hdr.resolve("run-1.hlog").toFile());
      Histogram h = (Histogram) reader.nextIntervalHistogram();
      assertThat(h.getTotalCount()).isEqualTo(400);
      assertThat(Files.readString(hdr.resolve("run-1.hgrm"))).contains("Percentile");
    }
  }

  @Test
  void householdScenarioSendsScreeningListsAndSummarisesRepeatedRuns() throws Exception {
    try (HitStub stub = new HitStub(TOKEN, 1_000_000)) {
      Path credentials = Files.writeString(dir.resolve("credentials.json"),
          "{\"url\":\"" + stub.uri() + "\",\"clients\":[{\"clientId\":\"other\",\"token\":\"wrong\"},"
              + "{\"clientId\":\"loadtest\",\"agency\":\"veiligheidshuis\",\"roles\":[\"querier\"],\"token\":\"" + TOKEN + "\"}]}");
      Outcome o = bench("run", "--credentials", credentials.toString(), "--client", "loadtest",
          "--key-dir", keyDir.toString(), "--scenario", "household", "--households", "145", "--distinct", "8",
          "--rate", "20", "--duration", "500ms", "--warmup", "200ms", "--runs", "2", "--format", "text");

      assertThat(o.exitCode()).as(o.out()).isZero();
      assertThat(stub.requests.get()).isEqualTo(4 + 10 + 10); // warm-up + two runs, all to the credentials' url
      String body = stub.lastBody.get();
      List<Integer> sizes = householdSizes(body);
      assertThat(sizes).hasSize(145);
      assertThat(sizes).allSatisfy(n -> assertThat(n).isBetween(1, 8));
      assertThat(o.out()).contains("scenario household").contains("summary over 2 run(s)");
      assertThat(o.out().lines().filter(l -> l.matches("^[12] .*"))).hasSize(2);
    }
  }

  @Test
  void aRefusedTokenEndsWithExitCode3() throws Exception {
    try (HitStub stub = new HitStub("another-token", 10)) {
      Outcome o = bench("run", "--url", stub.uri().toString(), "--token-file", tokenFile.toString(),
          "--key-dir", keyDir.toString(), "--rate", "20", "--duration", "500ms", "--warmup", "0s",
          "--runs", "1", "--format", "json");
      assertThat(o.exitCode()).isEqualTo(HitmachineBench.NO_SUCCESS);
      assertThat(o.number("otherStatus")).isEqualTo(10);
      assertThat(o.number("ok")).isZero();
    }
  }

  @Test
  void aMissingKeyDirectoryIsAFileProblem() {
    Outcome o = bench("run", "--url", "http://127.0.0.1:9", "--token-file", tokenFile.toString(),
        "--key-dir", dir.resolve("nope").toString(), "--rate", "10");
    assertThat(o.exitCode()).isEqualTo(HitmachineBench.IO);
  }

  /** Member counts of each household in a lookup body (members are plain pseudonym strings). */
  private static List<Integer> householdSizes(String body) {
    List<Integer> sizes = new ArrayList<>();
    Matcher m = Pattern.compile("\"members\":\\[([^\\]]*)\\]").matcher(body);
    while (m.find()) {
      sizes.add(m.group(1).split(",").length);
    }
    return sizes;
  }
}
