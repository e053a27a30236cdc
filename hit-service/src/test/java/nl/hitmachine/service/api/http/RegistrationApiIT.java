package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.SCHULDHULP;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistrationApiIT {
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

  private static JsonObject registrations(String... subjects) {
    JsonArray items = new JsonArray();
    for (String p : subjects) {
      items.add(new JsonObject().put("subject", p));
    }
    return new JsonObject().put("registrations", items);
  }

  /** The agencies the politie querier (no relation rule, no clearance) sees for a subject. */
  private List<String> seenBy(String pseudonym) {
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, new JsonObject()
        .put("purpose", "screening").put("requestedBy", "test.user").put("subjects", new JsonArray().add(pseudonym)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonArray agencies = new JsonObject(r.body()).getJsonArray("results").getJsonObject(0).getJsonArray("agencies");
    List<String> codes = new ArrayList<>();
    agencies.forEach(a -> codes.add(((JsonObject) a).getString("code")));
    return codes;
  }

  @Test
  void register_lookup_remove_lookup_followsTheIndex() {
    String p = TestService.pseudonym();
    HttpResponse<String> r = s.postJson("/v1/registrations", LEERPLICHT, registrations(p));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getInteger("upserted")).isEqualTo(1);
    assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    assertThat(seenBy(p)).containsExactly("leerplicht");

    r = s.postJson("/v1/registrations/remove", LEERPLICHT, new JsonObject().put("subjects", new JsonArray().add(p)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(new JsonObject(r.body()).getInteger("removed")).isEqualTo(1);
    assertThat(seenBy(p)).isEmpty();
  }

  @Test
  void register_invalidItem_namesIndexAndChangesNothing() {
    String good = TestService.pseudonym();
    JsonObject body = registrations(good, "not-a-pseudonym", good);
    body.getJsonArray("registrations").getJsonObject(2).put("validUntil", "2020-01-01");
    long before = s.service.auditLog().size();
    HttpResponse<String> r = s.postJson("/v1/registrations", LEERPLICHT, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    assertThat(problem.getString("type")).isEqualTo("https://hitmachine.nl/problems/invalid-request");
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getInteger("index")).toList())
        .containsExactly(1, 2);
    assertThat(r.body()).doesNotContain(good);
    assertThat(seenBy(good)).isEmpty();
    assertThat(s.service.auditLog().size()).isGreaterThan(before);
  }

  @Test
  void register_overLimit_gets413AndChangesNothing() {
    String[] many = new String[51];
    for (int i = 0; i < many.length; i++) {
      many[i] = TestService.pseudonym();
    }
    HttpResponse<String> r = s.postJson("/v1/registrations", LEERPLICHT, registrations(many));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(seenBy(many[0])).isEmpty();
  }

  @Test
  void register_agencyInBody_isRefusedAndOwnAgencyComesFromCredentials() {
    String p = TestService.pseudonym();
    JsonObject body = registrations(p);
    body.getJsonArray("registrations").getJsonObject(0).put("agency", "schuldhulp");
    HttpResponse<String> r = s.postJson("/v1/registrations", LEERPLICHT, body);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown field 'agency'");
    assertThat(AuditAssertions.last(s).outcome()).isEqualTo(AuditOutcome.INVALID);

    s.postJson("/v1/registrations", SCHULDHULP, registrations(p));
    assertThat(seenBy(p)).containsExactly("schuldhulp");
  }

  @Test
  void register_byQuerier_isRefusedAndAudited() {
    HttpResponse<String> r = s.postJson("/v1/registrations", POLITIE_QUERIER, registrations(TestService.pseudonym()));
    assertThat(r.statusCode()).isEqualTo(403);
    AuditEntry e = AuditAssertions.last(s);
    assertThat(e.action()).isEqualTo(AuditAction.REGISTER);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(e.clientId()).isEqualTo("politie-querier");
    assertThat(e.problemType()).isEqualTo("forbidden");
  }

  @Test
  void register_withoutToken_is401AndAudited() {
    HttpResponse<String> r = s.postJson("/v1/registrations", "wrong", registrations(TestService.pseudonym()));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(AuditAssertions.last(s).clientId()).isNull();
    assertThat(AuditAssertions.last(s).problemType()).isEqualTo("unauthenticated");
  }

  @Test
  void register_auditEntry_holdsCountsNotSubjects() {
    String p = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT, registrations(p, TestService.pseudonym()));
    AuditEntry e = AuditAssertions.last(s);
    assertThat(e.action()).isEqualTo(AuditAction.REGISTER);
    assertThat(e.outcome()).isEqualTo(AuditOutcome.OK);
    assertThat(e.agency()).isEqualTo("leerplicht");
    assertThat(e.counts()).isEqualTo(Map.of("items", 2L));
    assertThat(e.subjects()).isEmpty();
  }

  @Test
  void replace_addsRemovesKeeps_theRightSets() {
    String kept = TestService.pseudonym();
    String removed = TestService.pseudonym();
    String added = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT, registrations(kept, removed));
    s.postJson("/v1/registrations", SCHULDHULP, registrations(removed));

    HttpResponse<String> r = s.putNdjson(LEERPLICHT,
        "{\"subject\":\"" + kept + "\",\"ref\":\"LP-1\"}\n{\"subject\":\"" + added + "\",\"validUntil\":\"2027-06-30\"}\n");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonObject counts = new JsonObject(r.body());
    assertThat(counts.getLong("added")).isEqualTo(1);
    assertThat(counts.getLong("removed")).isEqualTo(1);
    assertThat(counts.getLong("kept")).isEqualTo(1);
    assertThat(seenBy(kept)).containsExactly("leerplicht");
    assertThat(seenBy(added)).containsExactly("leerplicht");
    assertThat(seenBy(removed)).containsExactly("schuldhulp");
  }

  @Test
  void replace_badLine_namesLineAndChangesNothing() {
    String kept = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT, registrations(kept));
    String body = "{\"subject\":\"" + TestService.pseudonym() + "\"}\n\n{not json\n{\"subject\":\"" + kept + "\",\"ref\":\"123456782\"}\n";
    HttpResponse<String> r = s.putNdjson(LEERPLICHT, body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonArray errors = new JsonObject(r.body()).getJsonArray("errors");
    assertThat(errors.stream().map(e -> ((JsonObject) e).getInteger("line")).toList()).containsExactly(3, 4);
    assertThat(r.body()).contains("must not look like a BSN").doesNotContain("123456782");
    assertThat(seenBy(kept)).containsExactly("leerplicht");
  }

  @Test
  void replace_overLineLimit_gets413AndChangesNothing() {
    String kept = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT, registrations(kept));
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 101; i++) {
      body.append("{\"subject\":\"").append(TestService.pseudonym()).append("\"}\n");
    }
    HttpResponse<String> r = s.putNdjson(LEERPLICHT, body.toString());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(seenBy(kept)).containsExactly("leerplicht");
  }

  @Test
  void replace_overlongLine_namesLineAndChangesNothing() {
    String kept = TestService.pseudonym();
    s.postJson("/v1/registrations", LEERPLICHT, registrations(kept));
    String body = "{\"subject\":\"" + TestService.pseudonym() + "\"}\n{\"subject\":\"" + "x".repeat(5000) + "\"}\n";
    HttpResponse<String> r = s.putNdjson(LEERPLICHT, body);
    assertThat(r.statusCode()).isEqualTo(400);
    JsonObject error = new JsonObject(r.body()).getJsonArray("errors").getJsonObject(0);
    assertThat(error.getInteger("line")).isEqualTo(2);
    assertThat(error.getString("detail")).contains("longer than 4096 bytes");
    assertThat(seenBy(kept)).containsExactly("leerplicht");
  }

  @Test
  void replace_wrongContentType_is415() {
    HttpResponse<String> r = s.send("PUT", "/v1/registrations", LEERPLICHT, "application/json", "{}");
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void replace_byQuerier_isRefusedAndAudited() {
    HttpResponse<String> r = s.putNdjson(POLITIE_QUERIER, "{}\n");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(AuditAssertions.last(s).action()).isEqualTo(AuditAction.REPLACE);
    assertThat(AuditAssertions.last(s).outcome()).isEqualTo(AuditOutcome.REFUSED);
  }
}
