package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;
import nl.hitmachine.service.config.AgencyConfig;
import nl.hitmachine.service.config.ClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every cell of the two tables of docs/authorisation.md against the running service: the
 * role × endpoint matrix, and what a querier is told about one subject under each policy.
 */
class AuthorisationMatrixIT {
  private static final List<String> ROLE_COLUMNS = List.of("connector", "querier", "privacy-officer", "admin");

  @TempDir Path dir;

  /** A markdown table of docs/authorisation.md: the rows under the header whose first cell is {@code firstHeader}. */
  private static List<List<String>> table(String firstHeader) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(System.getProperty("hitmachine.root"), "docs/authorisation.md"));
    List<List<String>> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines) {
      if (!line.startsWith("|")) {
        if (inTable) {
          break;
        }
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
        cells.add(cell.trim().replace("`", ""));
      }
      if (!inTable) {
        inTable = cells.get(0).equals(firstHeader);
        continue;
      }
      if (!cells.get(0).startsWith("---")) {
        rows.add(cells);
      }
    }
    assertThat(rows).as("table '" + firstHeader + "' in docs/authorisation.md").isNotEmpty();
    return rows;
  }

  private static String token(String clientId) {
    return clientId + "-token";
  }

  private static ClientConfig client(String id, String agency, List<String> roles, List<String> purposes) {
    return new ClientConfig(id, agency, roles, purposes, BearerTokenAuthenticator.sha256Hex(token(id)));
  }

  // ---------------------------------------------------------------- roles × endpoints

  @Test
  void everyEndpoint_isInTheRoleTable() throws Exception {
    Set<String> documented = new TreeSet<>();
    new ObjectMapper(new YAMLFactory())
        .readTree(Path.of(System.getProperty("hitmachine.root"), "docs/api/openapi.yaml").toFile())
        .get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
            .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey())));
    Set<String> inTable = new TreeSet<>();
    table("endpoint").forEach(row -> inTable.add(row.get(0)));
    assertThat(inTable).isEqualTo(documented);
  }

  @Test
  void roleTable_everyCell() throws Exception {
    List<AgencyConfig> agencies = List.of(
        new AgencyConfig("leerplicht", "Leerplicht", "onderwijs", false, false, false, null),
        new AgencyConfig("wijkteam", "Sociaal wijkteam", "zorg", false, false, false, null));
    List<ClientConfig> clients = List.of(
        client("connector", "leerplicht", List.of("connector"), List.of()),
        client("querier", "wijkteam", List.of("querier"), List.of("screening")),
        client("privacy-officer", "wijkteam", List.of("privacy-officer"), List.of()),
        client("admin", "wijkteam", List.of("admin"), List.of()));
    try (TestService s = TestService.startWith(dir, agencies, clients)) {
      // some entries and a published checkpoint, so the officer's reads have something to read
      assertThat(call(s, "POST /v1/lookups", token("querier")).statusCode()).isEqualTo(200);
      awaitCheckpoint(s);
      for (List<String> row : table("endpoint")) {
        String endpoint = row.get(0);
        for (int c = 0; c < ROLE_COLUMNS.size() + 1; c++) {
          String role = c < ROLE_COLUMNS.size() ? ROLE_COLUMNS.get(c) : null;
          String expected = row.get(c + 1);
          long before = s.service.auditLog().size();
          HttpResponse<String> r = call(s, endpoint, role == null ? null : token(role));
          String cell = endpoint + " as " + (role == null ? "no credentials" : role) + " → " + r.statusCode() + " " + r.body();
          switch (expected) {
            case "yes" -> assertThat(r.statusCode()).as(cell).isBetween(200, 299);
            case "403" -> {
              assertThat(r.statusCode()).as(cell).isEqualTo(403);
              assertThat(new JsonObject(r.body()).getString("type")).as(cell).endsWith("/forbidden");
            }
            case "401" -> assertThat(r.statusCode()).as(cell).isEqualTo(401);
            default -> throw new AssertionError("unknown cell value '" + expected + "' for " + cell);
          }
          if (!endpoint.contains("/health/") && !endpoint.equals("GET /v1/agencies") && !expected.equals("yes")) {
            assertThat(s.service.auditLog().size()).as("refusal audited: " + cell).isGreaterThan(before);
            AuditEntry refusal = AuditAssertions.last(s);
            assertThat(refusal.outcome()).as(cell).isEqualTo(AuditOutcome.REFUSED);
          }
        }
      }
    }
  }

  private static void awaitCheckpoint(TestService s) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (s.get("/v1/audit/checkpoint", token("privacy-officer")).statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no checkpoint was published within 10 s");
  }

  /** A well-formed call of {@code endpoint}, so only the role decides the outcome. */
  private static HttpResponse<String> call(TestService s, String endpoint, String token) {
    String subject = TestService.pseudonym();
    return switch (endpoint) {
      case "POST /v1/registrations" -> s.postJson("/v1/registrations", token,
          new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", subject))));
      case "POST /v1/registrations/remove" -> s.postJson("/v1/registrations/remove", token,
          new JsonObject().put("subjects", new JsonArray().add(subject)));
      case "PUT /v1/registrations" -> s.putNdjson(token, new JsonObject().put("subject", subject).encode() + "\n");
      case "POST /v1/lookups" -> s.postJson("/v1/lookups", token, new JsonObject().put("purpose", "screening")
          .put("caseRef", "MATRIX-1").put("requestedBy", "matrix.test").put("subjects", new JsonArray().add(subject)));
      case "GET /v1/audit/proofs/inclusion" -> s.get("/v1/audit/proofs/inclusion?sequence=0&treeSize=1", token);
      case "GET /v1/audit/proofs/consistency" -> s.get("/v1/audit/proofs/consistency?from=1&to=1", token);
      case "POST /v1/admin/backups" -> s.send("POST", "/v1/admin/backups", token, null, null);
      case "GET /v1/audit/subject-report" -> s.get("/v1/audit/subject-report?subject=" + subject, token);
      case "GET /v1/audit/anomalies" -> s.get("/v1/audit/anomalies?from=2026-11-22T00:00:00Z&to=2026-11-24T00:00:00Z", token);
      default -> {
        if (!endpoint.startsWith("GET ")) {
          throw new AssertionError("no well-formed call known for " + endpoint + ": add one to this test");
        }
        yield s.get(endpoint.substring(4), token);
      }
    };
  }

  // ---------------------------------------------------------------- lookup policy

  @Test
  void lookupPolicyTable_everyRow() throws Exception {
    List<AgencyConfig> agencies = new ArrayList<>();
    agencies.add(new AgencyConfig("leerplicht", "Leerplicht", "onderwijs", false, false, false, null));
    agencies.add(new AgencyConfig("om", "Openbaar Ministerie", "justitie", true, false, false, null));
    List<ClientConfig> clients = new ArrayList<>();
    clients.add(client("leerplicht-connector", "leerplicht", List.of("connector"), List.of()));
    clients.add(client("om-connector", "om", List.of("connector"), List.of()));
    // one querying agency per combination of its own policy: relation × clearance × visible domains
    for (boolean relation : new boolean[] {false, true}) {
      for (boolean clearance : new boolean[] {false, true}) {
        for (boolean visible : new boolean[] {false, true}) {
          String code = queryingAgency(relation, clearance, visible);
          agencies.add(new AgencyConfig(code, code, "gezin", false, clearance, relation, null, true,
              visible ? null : List.of("gezin", "wonen")));
          clients.add(client(code, code, List.of("querier", "connector"), List.of("screening")));
        }
      }
    }
    agencies.add(new AgencyConfig("no-query", "Opts out of querying", "wonen", false, false, false, null, false, null));
    clients.add(client("no-query", "no-query", List.of("querier"), List.of("screening")));

    try (TestService s = TestService.startWith(dir, agencies, clients)) {
      List<List<String>> rows = table("Q requires relation");
      for (List<String> row : rows) {
        boolean relation = yes(row.get(0));
        boolean ownRegistered = yes(row.get(1));
        String other = row.get(2);
        boolean visible = yes(row.get(3));
        boolean clearance = yes(row.get(4));
        String q = queryingAgency(relation, clearance, visible);
        String subject = TestService.pseudonym();
        if (ownRegistered) {
          s.register(token(q), subject);
        }
        switch (other) {
          case "ordinary" -> s.register(token("leerplicht-connector"), subject);
          case "protected" -> s.register(token("om-connector"), subject);
          case "none" -> { }
          default -> throw new AssertionError("unknown 'other' value " + other);
        }
        HttpResponse<String> r = s.postJson("/v1/lookups", token(q), new JsonObject().put("purpose", "screening")
            .put("caseRef", "MATRIX-2").put("requestedBy", "matrix.test").put("subjects", new JsonArray().add(subject)));
        String cell = String.join(" | ", row) + " → " + r.body();
        assertThat(r.statusCode()).as(cell).isEqualTo(200);
        JsonObject result = new JsonObject(r.body()).getJsonArray("results").getJsonObject(0);
        List<String> shown = result.getJsonArray("agencies").stream().map(a -> ((JsonObject) a).getString("code")).toList();
        assertThat(result.getBoolean("permitted", true)).as("permitted: " + cell).isEqualTo(yes(row.get(5)));
        assertThat(result.getBoolean("known")).as("known: " + cell).isEqualTo(yes(row.get(6)));
        assertThat(shown).as("shown: " + cell).isEqualTo(row.get(7).equals("—") ? List.of() : List.of(row.get(7).split(",\\s*")));
        AuditEntry audited = AuditAssertions.last(s);
        assertThat(audited.subjects().get(0).permitted()).as("audited permitted: " + cell).isEqualTo(yes(row.get(5)));
        assertThat(audited.subjects().get(0).disclosed()).as("audited disclosed: " + cell).isEqualTo(shown);
      }

      HttpResponse<String> refused = s.postJson("/v1/lookups", token("no-query"), new JsonObject().put("purpose", "screening")
          .put("caseRef", "MATRIX-3").put("requestedBy", "matrix.test").put("subjects", new JsonArray().add(TestService.pseudonym())));
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("mayQuery");
      AuditEntry audited = AuditAssertions.last(s);
      assertThat(audited.action()).isEqualTo(AuditAction.LOOKUP);
      assertThat(audited.outcome()).isEqualTo(AuditOutcome.REFUSED);
      assertThat(audited.agency()).isEqualTo("no-query");
    }
  }

  private static String queryingAgency(boolean relation, boolean clearance, boolean visible) {
    return "q-rel" + (relation ? 1 : 0) + "-clr" + (clearance ? 1 : 0) + "-vis" + (visible ? 1 : 0);
  }

  private static boolean yes(String cell) {
    return switch (cell) {
      case "yes" -> true;
      case "no" -> false;
      default -> throw new AssertionError("expected yes or no, got '" + cell + "'");
    };
  }

}
