package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.hitmachine.service.ServiceProcess;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logging.format: json} on the real service (a child JVM, so its standard output is what an
 * operator's log collector would read): one parseable JSON line per request with exactly the
 * documented fields, the route template instead of the path, the caller's client id and agency —
 * and no pseudonym, BSN, user name or case reference anywhere in the output.
 */
class JsonRequestLogIT {
  private static final Set<String> FIELDS =
      Set.of("time", "requestId", "route", "method", "status", "durationMs", "clientId", "agency");
  private static final String BSN = "111222333";
  private static final String USER = "Jan de Vries";
  private static final String CASE_REF = "ZAAK-2026-004217";

  @TempDir Path dir;

  @Test
  void realRequests_giveOneJsonLineEach_withExactlyTheDocumentedFields_andNoIdentifiers() throws Exception {
    String pseudonym = TestService.pseudonym();
    String mac = pseudonym.substring(pseudonym.indexOf('.') + 1);
    HttpClient http = HttpClient.newHttpClient();
    Map<String, Integer> sent = new HashMap<>(); // request id -> expected status
    List<String> stdout;
    try (ServiceProcess service = ServiceProcess.start(dir, "logging:\n  format: json\n")) {
      sent.put("reg-1", send(http, service, "POST", "/v1/registrations", LEERPLICHT, new JsonObject().put("registrations",
          new JsonArray().add(new JsonObject().put("subject", pseudonym).put("ref", CASE_REF))).encode(), "reg-1"));
      sent.put("look-1", send(http, service, "POST", "/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("requestedBy", USER).put("caseRef", CASE_REF).put("subjects", new JsonArray().add(pseudonym)).encode(), "look-1"));
      sent.put("bsn-1", send(http, service, "POST", "/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("requestedBy", USER).put("subjects", new JsonArray().add(BSN)).encode(), "bsn-1"));
      sent.put("path-1", send(http, service, "GET", "/v1/registrations/" + pseudonym + "?bsn=" + BSN, LEERPLICHT, null,
          "path-1"));
      sent.put("anon-1", send(http, service, "POST", "/v1/lookups", null, "{}", "anon-1"));
      sent.put("ready-1", send(http, service, "GET", "/health/ready", null, null, "ready-1"));
      service.process.destroy(); // SIGTERM: the request log writes what it has queued
      service.waitForExit(60);
      stdout = service.stdout();
    }
    assertThat(sent).containsEntry("reg-1", 200).containsEntry("look-1", 200).containsEntry("bsn-1", 400)
        .containsEntry("path-1", 404).containsEntry("anon-1", 401).containsEntry("ready-1", 200);

    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> byRequest = new HashMap<>();
    List<String> other = new ArrayList<>();
    for (String line : stdout) {
      if (line.startsWith("{")) {
        JsonNode node = json.readTree(line);
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(line).isEqualTo(new TreeSet<>(FIELDS));
        byRequest.put(node.get("requestId").asText(), node);
      } else {
        other.add(line);
      }
    }
    assertThat(other).as("besides the JSON lines only the start-up and shutdown lines")
        .allMatch(l -> l.startsWith("hit-service started:") || l.startsWith("hit-service stopped:"));
    assertThat(byRequest.keySet()).containsAll(sent.keySet());

    assertLine(byRequest.get("reg-1"), "/v1/registrations", "POST", 200, "leerplicht-connector", "leerplicht");
    assertLine(byRequest.get("look-1"), "/v1/lookups", "POST", 200, "vh-coordinator", "veiligheidshuis");
    assertLine(byRequest.get("bsn-1"), "/v1/lookups", "POST", 400, "vh-coordinator", "veiligheidshuis");
    assertLine(byRequest.get("path-1"), "", "GET", 404, null, null);
    assertLine(byRequest.get("anon-1"), "/v1/lookups", "POST", 401, null, null);
    assertLine(byRequest.get("ready-1"), "/health/ready", "GET", 200, null, null);
    for (JsonNode line : byRequest.values()) {
      assertThat(line.get("durationMs").isNumber()).isTrue();
      assertThat(line.get("durationMs").asDouble()).isGreaterThanOrEqualTo(0.0);
      assertThat(java.time.Instant.parse(line.get("time").asText())).isNotNull();
    }

    String everything = String.join("\n", stdout) + "\n" + Files.readString(dir.resolve("stderr.txt"));
    assertThat(everything).doesNotContain(pseudonym).doesNotContain(mac).doesNotContain(BSN).doesNotContain(USER)
        .doesNotContain(CASE_REF).doesNotContain(LEERPLICHT).doesNotContain(COORDINATOR);
  }

  private static void assertLine(JsonNode line, String route, String method, int status, String clientId, String agency) {
    assertThat(line.get("route").asText()).isEqualTo(route);
    assertThat(line.get("method").asText()).isEqualTo(method);
    assertThat(line.get("status").asInt()).isEqualTo(status);
    assertThat(line.get("clientId").isNull() ? null : line.get("clientId").asText()).isEqualTo(clientId);
    assertThat(line.get("agency").isNull() ? null : line.get("agency").asText()).isEqualTo(agency);
  }

  private static int send(HttpClient http, ServiceProcess service, String method, String path, String token, String body,
      String requestId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(service.uri(path)).header("X-Request-Id", requestId)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
