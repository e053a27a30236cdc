package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.OM;
import static nl.hitmachine.service.TestService.POLITIE;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.SCHULDHULP;
import static nl.hitmachine.service.TestService.WIJKTEAM;
import static nl.hitmachine.service.TestService.WIJKTEAM_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupApiIT {
  @TempDir Path dir;
  private TestService s;

  @BeforeEach
  void start() {
    s = TestService.start(dir);
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private static JsonObject lookup(String purpose, Object... subjects) {
    JsonArray list = new JsonArray();
    for (Object subject : subjects) {
      list.add(subject);
    }
    return new JsonObject().put("purpose", purpose).put("caseRef", "VH-1").put("requestedBy", "a.coordinator")
        .put("subjects", list);
  }

  private static List<String> codes(JsonObject result) {
    return result.getJsonArray("agencies").stream().map(a -> ((JsonObject) a).getString("code")).toList();
  }

  @Test
  void lookup_answer_isAuditedFirstWithAuditFormsAndReceipt() {
    String p = TestService.pseudonym();
    s.register(LEERPLICHT, p);
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, lookup("screening", p));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject answer = new JsonObject(r.body());
    JsonObject result = answer.getJsonArray("results").getJsonObject(0);
    assertThat(result.getString("subject")).isEqualTo(p);
    assertThat(result.getBoolean("known")).isTrue();
    assertThat(result.getJsonArray("agencies").getJsonObject(0).getMap())
        .containsEntry("code", "leerplicht").containsEntry("name", "Leerplicht").containsEntry("domain", "onderwijs");

    long sequence = answer.getJsonObject("receipt").getLong("sequence");
    AuditEntry e = AuditAssertions.entries(s).get((int) sequence);
    assertThat(e.action()).isEqualTo(AuditAction.LOOKUP);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.OK);
    assertThat(e.clientId()).isEqualTo("politie-querier");
    assertThat(e.agency()).isEqualTo("politie");
    assertThat(e.purpose()).isEqualTo("screening");
    assertThat(e.caseRef()).isEqualTo("VH-1");
    assertThat(e.requestedBy()).isEqualTo("a.coordinator");
    assertThat(e.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
    assertThat(e.subjects()).hasSize(1);
    assertThat(e.subjects().get(0).auditPseudonyms().get(0)).startsWith("a1.").isNotEqualTo(p).doesNotContain(p.substring(3));
    assertThat(e.subjects().get(0).disclosed()).containsExactly("leerplicht");
    assertThat(answer.getString("lookupId")).isNotBlank();
  }

  @Test
  void lookup_requestIdGiven_isEchoed() {
    HttpResponse<String> r = s.send("POST", "/v1/lookups", POLITIE_QUERIER, "application/json",
        lookup("screening", TestService.pseudonym()).encode());
    assertThat(r.statusCode()).isEqualTo(200);
    var req = java.net.http.HttpRequest.newBuilder(s.uri("/health/live")).header("X-Request-Id", "abc-123").build();
    try {
      var resp = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(resp.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    } catch (Exception ex) {
      throw new AssertionError(ex);
    }
  }

  @Test
  void lookup_byConnector_isRefusedAndAudited() {
    HttpResponse<String> r = s.postJson("/v1/lookups", LEERPLICHT, lookup("screening", TestService.pseudonym()));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).doesNotContain("results");
    AuditEntry e = AuditAssertions.last(s);
    assertThat(e.action()).isEqualTo(AuditAction.LOOKUP);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(e.clientId()).isEqualTo("leerplicht-connector");
  }

  @Test
  void lookup_withoutPurposeOrRequestedBy_isRefusedAndAudited() {
    JsonObject body = lookup("screening", TestService.pseudonym());
    body.remove("purpose");
    body.remove("requestedBy");
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("/purpose").contains("/requestedBy");
    assertThat(AuditAssertions.last(s).outcome()).isEqualTo(AuditOutcome.INVALID);
    assertThat(AuditAssertions.last(s).action()).isEqualTo(AuditAction.LOOKUP);
  }

  @Test
  void lookup_purposeNotAllowed_is403AndAudited() {
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, lookup("hulpverlening", TestService.pseudonym()));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(new JsonObject(r.body()).getString("type")).endsWith("/purpose-not-allowed");
    assertThat(AuditAssertions.last(s).purpose()).isEqualTo("hulpverlening");
    assertThat(AuditAssertions.last(s).outcome()).isEqualTo(AuditOutcome.REFUSED);
  }

  @Test
  void lookup_invalidPseudonym_namesIndexWithoutEchoing() {
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, lookup("screening", TestService.pseudonym(), "123456782"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0).getInteger("index")).isEqualTo(1);
    assertThat(r.body()).doesNotContain("123456782");
  }

  @Test
  void lookup_overSubjectLimit_is413() {
    Object[] many = new Object[21];
    for (int i = 0; i < many.length; i++) {
      many[i] = TestService.pseudonym();
    }
    assertThat(s.postJson("/v1/lookups", POLITIE_QUERIER, lookup("screening", many)).statusCode()).isEqualTo(413);
  }

  @Test
  void lookup_malformedJson_is400AndAudited() {
    long before = s.service.auditLog().size();
    HttpResponse<String> r = s.send("POST", "/v1/lookups", POLITIE_QUERIER, "application/json", "{\"subjects\": [");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(s.service.auditLog().size()).isEqualTo(before + 1);
  }

  @Test
  void lookup_expiredRegistration_isNeverAnswered() {
    String p = TestService.pseudonym();
    JsonObject item = new JsonObject().put("subject", p).put("validUntil", "2026-11-23");
    s.postJson("/v1/registrations", LEERPLICHT, new JsonObject().put("registrations", new JsonArray().add(item)));
    JsonObject result = answerFor(POLITIE_QUERIER, p);
    assertThat(result.getBoolean("known")).isTrue();
    s.clock.advance(Duration.ofDays(1));
    result = answerFor(POLITIE_QUERIER, p);
    assertThat(result.getBoolean("known")).isFalse();
    assertThat(result.getJsonArray("agencies")).isEmpty();
  }

  private JsonObject answerFor(String token, Object subject) {
    HttpResponse<String> r = s.postJson("/v1/lookups", token, lookup(token.equals(WIJKTEAM_QUERIER) ? "hulpverlening" : "screening", subject));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("results").getJsonObject(0);
  }

  @Test
  void lookup_aliasList_mergesAgenciesOfBothKids() {
    String underOldKid = TestService.pseudonym();
    String underNewKid = "t2" + TestService.pseudonym().substring(2);
    s.register(LEERPLICHT, underOldKid);
    s.register(SCHULDHULP, underNewKid);
    JsonObject result = answerFor(POLITIE_QUERIER, new JsonArray().add(underOldKid).add(underNewKid));
    assertThat(result.getJsonArray("subject")).containsExactly(underOldKid, underNewKid);
    assertThat(codes(result)).containsExactly("leerplicht", "schuldhulp");
    assertThat(AuditAssertions.last(s).subjects().get(0).auditPseudonyms()).hasSize(2);
  }

  @Test
  void lookup_protectedSource_isShownByNameOnlyWithClearance() {
    String p = TestService.pseudonym();
    s.register(OM, p);
    s.register(COORDINATOR, p); // the coordinator's legitimate relation
    JsonObject uncleared = answerFor(POLITIE_QUERIER, p);
    assertThat(codes(uncleared)).containsExactly("veiligheidshuis", "protected");
    assertThat(uncleared.getJsonArray("agencies").getJsonObject(1).getMap())
        .containsEntry("code", "protected").containsEntry("protected", true).doesNotContainKey("domain");
    assertThat(uncleared.toString()).doesNotContain("Openbaar").doesNotContain("justitie");
    JsonObject cleared = answerFor(COORDINATOR, p);
    assertThat(codes(cleared)).containsExactly("om");
  }

  @Test
  void lookup_legitimateRelationRequired_withholdsUntilOwnRegistration() {
    String p = TestService.pseudonym();
    s.register(LEERPLICHT, p);
    JsonObject before = answerFor(WIJKTEAM_QUERIER, p);
    assertThat(before.getBoolean("permitted")).isFalse();
    assertThat(before.getBoolean("known")).isFalse();
    assertThat(before.getJsonArray("agencies")).isEmpty();
    assertThat(AuditAssertions.last(s).subjects().get(0).permitted()).isFalse();

    s.register(WIJKTEAM, p);
    JsonObject after = answerFor(WIJKTEAM_QUERIER, p);
    assertThat(after.getBoolean("permitted")).isTrue();
    assertThat(codes(after)).containsExactly("leerplicht"); // the querier's own agency is not reported back
  }

  @Test
  void lookup_household_unionsMembersAndSignalsAtThreshold() {
    String child = TestService.pseudonym();
    String mother = TestService.pseudonym();
    String father = TestService.pseudonym();
    String neighbour = TestService.pseudonym();
    s.register(LEERPLICHT, child);
    s.register(SCHULDHULP, mother, neighbour);
    s.register(POLITIE, father, neighbour);
    s.register(COORDINATOR, child, mother, father, neighbour);

    JsonObject body = new JsonObject().put("purpose", "screening").put("caseRef", "VH-2").put("requestedBy", "a.coordinator")
        .put("households", new JsonArray()
            .add(new JsonObject().put("ref", "H1").put("members", new JsonArray().add(child).add(mother).add(father)))
            .add(new JsonObject().put("ref", "H2").put("members", new JsonArray().add(neighbour))));
    HttpResponse<String> r = s.postJson("/v1/lookups", COORDINATOR, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray households = new JsonObject(r.body()).getJsonArray("households");
    JsonObject h1 = households.getJsonObject(0);
    assertThat(h1.getString("ref")).isEqualTo("H1");
    assertThat(h1.getJsonArray("results")).hasSize(3);
    assertThat(codes(h1)).containsExactly("leerplicht", "schuldhulp", "politie");
    assertThat(h1.getJsonArray("domains")).containsExactly("onderwijs", "financien", "veiligheid");
    assertThat(h1.getBoolean("signal")).isTrue();
    JsonObject h2 = households.getJsonObject(1);
    assertThat(h2.getJsonArray("domains")).containsExactly("financien", "veiligheid");
    assertThat(h2.getBoolean("signal")).isFalse();
    assertThat(AuditAssertions.last(s).subjects()).hasSize(4);
  }

  @Test
  void agencies_listsRegister_forAnyClient() {
    HttpResponse<String> r = s.send("GET", "/v1/agencies", LEERPLICHT, null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getJsonArray("agencies")).hasSize(6);
    assertThat(s.send("GET", "/v1/agencies", null, null, null).statusCode()).isEqualTo(401);
  }

  @Test
  void health_liveAndReady_areUp() {
    assertThat(s.send("GET", "/health/live", null, null, null).statusCode()).isEqualTo(200);
    assertThat(s.send("GET", "/health/ready", null, null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownRoute_isProblemJson404() {
    HttpResponse<String> r = s.send("GET", "/v1/nothing", LEERPLICHT, null, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }
}
