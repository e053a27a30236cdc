package nl.hitmachine.service.metrics;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server scrapes the real service's management port and answers a query about
 * a lookup made before. Slow (starts Prometheus): runs with {@code -Pslow}, and only where the
 * {@code prometheus} binary is on the PATH ({@code apt-get install prometheus}).
 */
@Tag("slow")
class PrometheusScrapeIT {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void prometheus_scrapesTheManagementPort_andSeesTheLookup() throws Exception {
    Optional<Path> prometheus = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(d -> Path.of(d, "prometheus")).filter(Files::isExecutable).findFirst();
    Assumptions.assumeTrue(prometheus.isPresent(), "prometheus not on the PATH (apt-get install prometheus)");
    try (TestService s = TestService.start(dir.resolve("service"))) {
      assertThat(s.postJson("/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("requestedBy", "someone").put("subjects", new JsonArray().add(TestService.pseudonym())))
          .statusCode()).isEqualTo(200);
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(config, """
          global:
            scrape_interval: 1s
          scrape_configs:
            - job_name: hitmachine
              static_configs:
                - targets: ["127.0.0.1:%d"]
          """.formatted(s.service.managementPort()));
      Process server = new ProcessBuilder(prometheus.get().toString(), "--config.file=" + config,
          "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
      try {
        String query = "hitmachine_lookups_total{agency=\"veiligheidshuis\",outcome=\"ok\"}";
        JsonArray result = awaitResult(port, query);
        assertThat(result).hasSize(1);
        assertThat(result.getJsonObject(0).getJsonArray("value").getString(1)).isEqualTo("1");
        assertThat(awaitResult(port, "up{job=\"hitmachine\"} == 1")).hasSize(1);
      } finally {
        server.destroy();
        server.waitFor();
      }
    }
  }

  /** Queries Prometheus until the result is not empty (it needs a scrape first); fails after a minute. */
  private JsonArray awaitResult(int port, String query) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (true) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          JsonArray result = new JsonObject(r.body()).getJsonObject("data").getJsonArray("result");
          if (!result.isEmpty()) {
            return result;
          }
        }
      } catch (java.io.IOException notYetListening) {
        // Prometheus is still starting
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Prometheus returned nothing for " + query + " within a minute; see prometheus.log");
      }
      Thread.sleep(250);
    }
  }
}
