package nl.hitmachine.service.metrics;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code promtool check metrics} (Prometheus' own parser and linter) over a real scrape (the
 * alert rules and dashboard queries in {@code deploy/} are checked by {@code DeployFilesIT}). CI
 * installs promtool ({@code .ci/run}) and then this test must run; locally it is skipped when
 * promtool is not on the PATH.
 */
class PromtoolCheckIT {
  @TempDir Path dir;

  @Test
  void scrape_passesPromtoolCheckMetrics() throws Exception {
    Path promtool = requirePromtool();
    String scrape;
    try (TestService s = TestService.start(dir.resolve("service"))) {
      assertThat(s.postJson("/v1/registrations", LEERPLICHT, new JsonObject().put("registrations",
          new JsonArray().add(new JsonObject().put("subject", TestService.pseudonym())))).statusCode()).isEqualTo(200);
      assertThat(s.postJson("/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("requestedBy", "someone").put("subjects", new JsonArray().add(TestService.pseudonym())))
          .statusCode()).isEqualTo(200);
      assertThat(s.get("/no/such/path", null).statusCode()).isEqualTo(404);
      scrape = s.management("GET", "/metrics").body();
    }
    // kept under target/ for inspection (a sample of what Prometheus sees)
    Path file = Path.of("target", "metrics-sample.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, scrape);
    String report = run(file, promtool.toString(), "check", "metrics");
    assertThat(report).as("promtool lint findings").isBlank();
  }

  private static Path requirePromtool() {
    Optional<Path> promtool = promtool();
    if (promtool.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("promtool is required in CI (.ci/run installs it: apt-get install prometheus)");
      }
      Assumptions.abort("promtool not on the PATH: install it (apt-get install prometheus) to run this check");
    }
    return promtool.get();
  }

  /** Runs a command (stdin from {@code input} if given), requires exit code 0, returns its output. */
  private String run(Path input, String... command) throws Exception {
    Path output = Files.createTempFile(dir, "promtool", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    Process p = builder.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    String report = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s:%n%s", String.join(" ", command), report).isZero();
    return report;
  }

  private static Optional<Path> promtool() {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .map(d -> Path.of(d, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
