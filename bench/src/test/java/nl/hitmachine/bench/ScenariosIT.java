package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario against the real hit-service (demo configuration, port 0, temp dirs): preload,
 * lookups with a hit rate, household lists, registrations, replace, mixed, liveness, then the
 * report and a plot from what they wrote. Small sizes; no assertion on speed.
 */
class ScenariosIT {
  @TempDir static Path dir;
  static LiveService live;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    live = LiveService.start(dir.resolve("service"));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private record Outcome(int exitCode, JsonNode json, String raw) {}

  private static Outcome bench(String... args) throws Exception {
    List<String> full = new java.util.ArrayList<>(List.of(args[0], "--url=" + live.uri(),
        "--credentials=" + live.credentials, "--format=json"));
    full.addAll(List.of(args).subList(1, args.length));
    StringWriter out = new StringWriter();
    int code = HitmachineBench.commandLine().setOut(new PrintWriter(out)).execute(full.toArray(String[]::new));
    String raw = out.toString();
    return new Outcome(code, raw.isBlank() ? null : JSON.readTree(raw), raw);
  }

  /** Lookup of one population subject as the load-test client: is it known? */
  private static boolean known(String pseudonym) throws Exception {
    String token = Credentials.read(live.credentials, "loadtest").token();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(live.uri().resolve("/v1/lookups"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\":\"screening\",\"caseRef\":\"IT\",\"requestedBy\":\"it\","
            + "\"subjects\":[\"" + pseudonym + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body()).path("results").get(0).path("known").asBoolean();
  }

  @Test
  void preloadThenLookupsWithAHitRateAndTheOtherScenariosThenTheReport() throws Exception {
    Population population = new Population("demo1", 7);
    Outcome preload = bench("preload", "--count", "2500", "--batch", "1000", "--seed", "7");
    assertThat(preload.exitCode()).as(preload.raw()).isZero();
    // Every subject registered by the coordinator (the legitimate relation) and by the regieteam (the hit).
    assertThat(preload.json().path("runs").get(0).path("registrations").asLong()).isEqualTo(2500);
    assertThat(preload.json().path("runs").get(1).path("registrations").asLong()).isEqualTo(2500);
    assertThat(known(population.pseudonym(0))).isTrue();
    assertThat(known(population.pseudonym(2499))).isTrue();
    assertThat(known(population.pseudonym(2500))).isFalse();

    Path json = Files.createDirectories(dir.resolve("suite/json"));
    Path hdr = dir.resolve("suite/hdr/single-max");
    Outcome single = bench("run", "--population", "2500", "--hit-rate", "0.5", "--seed", "7", "--rate", "100",
        "--duration", "1s", "--warmup", "0s", "--runs", "1", "--hdr-out", hdr.toString());
    assertThat(single.exitCode()).as(single.raw()).isZero();
    assertThat(single.json().path("runs").get(0).path("ok").asLong()).isEqualTo(100);
    assertThat(single.json().path("generator").asText()).startsWith("loop ("); // the default
    Files.writeString(json.resolve("single-max.json"), single.raw());
    StringWriter value = new StringWriter();
    assertThat(HitmachineBench.commandLine().setOut(new PrintWriter(value))
        .execute("field", json.resolve("single-max.json").toString(), "runs.0.ok")).isZero();
    assertThat(value.toString().strip()).isEqualTo("100");

    Outcome household = bench("run", "--scenario", "household", "--households", "145", "--distinct", "4",
        "--population", "2500", "--hit-rate", "0.1", "--seed", "7", "--rate", "4", "--duration", "1s", "--warmup", "0s", "--runs", "1");
    assertThat(household.exitCode()).as(household.raw()).isZero();
    assertThat(household.json().path("runs").get(0).path("ok").asLong()).isEqualTo(4);
    assertThat(household.json().path("meanSubjectsPerRequest").asDouble()).isBetween(145.0, 8 * 145.0);
    Files.writeString(json.resolve("household.json"), household.raw());

    Outcome liveness = bench("run", "--scenario", "liveness", "--rate", "200", "--duration", "1s", "--warmup", "0s", "--runs", "1");
    assertThat(liveness.exitCode()).as(liveness.raw()).isZero();
    assertThat(liveness.json().path("runs").get(0).path("ok").asLong()).isEqualTo(200);
    Files.writeString(json.resolve("liveness.json"), liveness.raw());

    Outcome registrations = bench("registrations", "--batch", "500", "--batches", "3", "--warmup-batches", "1", "--runs", "2");
    assertThat(registrations.exitCode()).as(registrations.raw()).isZero();
    assertThat(registrations.json().path("runs").get(1).path("registrations").asLong()).isEqualTo(1500);
    assertThat(registrations.json().path("runs").get(1).path("errors").asLong()).isZero();
    Files.writeString(json.resolve("registrations.json"), registrations.raw());

    Outcome replace = bench("replace", "--subjects", "3000", "--runs", "2");
    assertThat(replace.exitCode()).as(replace.raw()).isZero();
    JsonNode runs = replace.json().path("runs");
    assertThat(List.of(runs.get(0).path("added").asLong(), runs.get(0).path("removed").asLong(), runs.get(0).path("kept").asLong()))
        .containsExactly(3000L, 0L, 0L);
    assertThat(List.of(runs.get(1).path("added").asLong(), runs.get(1).path("removed").asLong(), runs.get(1).path("kept").asLong()))
        .containsExactly(1500L, 1500L, 1500L);
    Files.writeString(json.resolve("replace.json"), replace.raw());

    Outcome mixed = bench("run", "--population", "2500", "--hit-rate", "1", "--seed", "7", "--rate", "50",
        "--duration", "1s", "--warmup", "0s", "--runs", "1", "--replace-caseload", "2000", "--http-clients", "2");
    assertThat(mixed.exitCode()).as(mixed.raw()).isZero();
    assertThat(mixed.json().path("replaces").path("completed").asInt()).isPositive();
    assertThat(mixed.json().path("replaces").path("failed").asInt()).isZero();
    assertThat(mixed.json().path("runs").get(0).path("errors").asLong()).isZero();
    Files.writeString(json.resolve("mixed.json"), mixed.raw());

    Files.writeString(json.resolve("pg.json"), "{\"version\":\"PostgreSQL 15.x\",\"rows\":2500,\"clients\":4,"
        + "\"select\":{\"tps\":50,\"p50Ms\":0.1,\"p99Ms\":0.5,\"p999Ms\":1},\"selectAudit\":{\"tps\":10,\"p50Ms\":1,\"p99Ms\":3,\"p999Ms\":4}}");
    StringWriter out = new StringWriter();
    int code = HitmachineBench.commandLine().setOut(new PrintWriter(out))
        .execute("report", "--dir", dir.resolve("suite").toString(), "--mode", "smoke");
    assertThat(code).as(out.toString()).isZero();
    String md = Files.readString(dir.resolve("suite/results.md"));
    double singleRate = single.json().path("summary").path("achievedRate").path("median").asDouble();
    double livenessRate = liveness.json().path("summary").path("achievedRate").path("median").asDouble();
    // Ratios against the baselines of the same run: PostgreSQL (50 and 10 tps above) and liveness.
    assertThat(md).contains(String.format(java.util.Locale.ROOT, "| %.2f× | %.2f× select, %.2f× select+audit |",
            singleRate / livenessRate, singleRate / 50, singleRate / 10))
        .containsPattern("\\| single lookups, max rate \\| [0-9,]+ req/s \\|")
        .contains("household lists").contains("registrations, batches of 500").contains("full caseload replace of 3000")
        .contains("mixed: lookups while a connector replaces").contains("PostgreSQL: point look-up (baseline)")
        .contains("Machine: ");
    assertThat(JSON.readTree(dir.resolve("suite/results.json").toFile()).path("rows")).hasSizeGreaterThanOrEqualTo(8);

    Path png = dir.resolve("suite/single.png");
    code = HitmachineBench.commandLine().execute("plot", "--out", png.toString(), "--title", "single",
        "max=" + hdr.resolve("run-1.hlog"));
    assertThat(code).isZero();
    assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
  }

  @Test
  void aQuerierCannotRegisterSoRegistrationsEndWithExitCode3() throws Exception {
    Outcome o = bench("registrations", "--client", "loadtest", "--batch", "10", "--batches", "1", "--warmup-batches", "0", "--runs", "1");
    assertThat(o.exitCode()).isEqualTo(HitmachineBench.NO_SUCCESS);
    assertThat(o.json().path("runs").get(0).path("errors").asLong()).isEqualTo(1);
  }
}
