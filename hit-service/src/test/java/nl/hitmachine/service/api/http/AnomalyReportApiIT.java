package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /v1/audit/anomalies through the real service: the report reflects the audited traffic, shows
 * subjects only in their audit form, is itself audited before it is released, and is refused (and
 * audited) for everyone but a privacy officer.
 */
class AnomalyReportApiIT {
  private static final String ANOMALIES = "/v1/audit/anomalies";
  /** Monday 23 November 2026, the test clock's day (it starts at 10:00 in Amsterdam). */
  private static final String DAY = ANOMALIES + "?from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z";

  @TempDir Path dir;

  private static HttpResponse<String> lookup(TestService s, String token, String purpose, String caseRef,
      String subject) {
    JsonObject body = new JsonObject().put("purpose", purpose).put("requestedBy", "a.coordinator")
        .put("subjects", new JsonArray().add(subject));
    if (caseRef != null) {
      body.put("caseRef", caseRef);
    }
    return s.postJson("/v1/lookups", token, body);
  }

  private static void assertProblem(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("type")).isEqualTo("https://hitmachine.nl/problems/" + slug);
  }

  private static AuditEntry assertAuditedLast(TestService s, long sizeBefore, AuditOutcome outcome) {
    List<AuditEntry> entries = AuditAssertions.entries(s);
    assertThat(entries).hasSize((int) sizeBefore + 1);
    AuditEntry e = entries.get(entries.size() - 1);
    assertThat(e.action()).isEqualTo(AuditAction.AUDIT_ANOMALY_REPORT);
    assertThat(e.outcome()).isEqualTo(outcome);
    return e;
  }

  @Test
  void privacyOfficer_getsTheReport_afterItIsAudited() {
    try (TestService s = TestService.start(dir)) {
      String repeated = TestService.pseudonym();
      for (int i = 0; i < 3; i++) {
        assertThat(lookup(s, POLITIE_QUERIER, "screening", null, repeated).statusCode()).isEqualTo(200);
      }
      assertProblem(lookup(s, WIJKTEAM_QUERIER, "screening", "W-1", TestService.pseudonym()), 403,
          "purpose-not-allowed");
      s.clock.advance(Duration.ofHours(13).plusMinutes(30)); // 23:30 in Amsterdam
      String atNight = TestService.pseudonym();
      assertThat(lookup(s, POLITIE_QUERIER, "screening", "VH-9", atNight).statusCode()).isEqualTo(200);
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(DAY, PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(r.body()).doesNotContain(repeated).doesNotContain(atNight);
      JsonObject report = new JsonObject(r.body());
      assertThat(report.getJsonObject("period").getString("from")).isEqualTo("2026-11-23T00:00:00Z");
      assertThat(report.getJsonObject("period").getString("to")).isEqualTo("2026-11-24T00:00:00Z");
      assertThat(report.getLong("treeSize")).isEqualTo(before);
      assertThat(report.getJsonObject("rules").getJsonObject("officeHours").getString("timeZone"))
          .isEqualTo("Europe/Amsterdam");
      assertThat(report.getJsonObject("rules").getInteger("repeatThreshold")).isEqualTo(3);
      assertThat(report.getJsonObject("totals").getLong("lookups")).isEqualTo(5);
      JsonObject findings = report.getJsonObject("findings");
      assertThat(findings.getJsonArray("volume")).isEmpty();

      JsonArray repeats = findings.getJsonArray("repeatedWithoutCaseRef");
      assertThat(repeats).hasSize(1);
      JsonObject repeat = repeats.getJsonObject(0);
      assertThat(repeat.getString("clientId")).isEqualTo("politie-querier");
      assertThat(repeat.getString("agency")).isEqualTo("politie");
      assertThat(repeat.getLong("repeatedSubjects")).isEqualTo(1);
      assertThat(repeat.getLong("maxRepeats")).isEqualTo(3);
      assertThat(repeat.getJsonArray("subjects").getJsonObject(0).getString("auditPseudonym")).startsWith("a1.");

      JsonArray outside = findings.getJsonArray("outsideOfficeHours");
      assertThat(outside).hasSize(1);
      assertThat(outside.getJsonObject(0).getString("clientId")).isEqualTo("politie-querier");
      assertThat(outside.getJsonObject(0).getLong("lookups")).isEqualTo(1);
      assertThat(outside.getJsonObject(0).getString("first")).isEqualTo("2026-11-23T22:30:00Z");

      JsonArray refusals = findings.getJsonArray("refusals");
      assertThat(refusals).hasSize(1);
      JsonObject refusal = refusals.getJsonObject(0);
      assertThat(refusal.getString("clientId")).isEqualTo("wijkteam-professional");
      assertThat(refusal.getLong("forbidden")).isEqualTo(1);
      assertThat(refusal.getJsonObject("byProblemType").getLong("purpose-not-allowed")).isEqualTo(1);

      AuditEntry e = assertAuditedLast(s, before, AuditOutcome.OK);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.roles()).containsExactly("privacy-officer");
      assertThat(e.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
      assertThat(e.counts())
          .containsEntry("fromEpochSecond", 1_795_392_000L)
          .containsEntry("toEpochSecond", 1_795_478_400L)
          .containsEntry("treeSize", before)
          .containsEntry("volumeFindings", 0L)
          .containsEntry("outsideOfficeHoursFindings", 1L)
          .containsEntry("repeatedWithoutCaseRefFindings", 1L)
          .containsEntry("refusalFindings", 1L);

      // An offset instead of Z, its '+' encoded; the report read above is now in the log too.
      HttpResponse<String> offset = s.get(ANOMALIES + "?from=2026-11-23T01:00:00%2B01:00&to=2026-11-24T00:00:00Z",
          PRIVACY_OFFICER);
      assertThat(offset.statusCode()).as(offset.body()).isEqualTo(200);
      assertThat(new JsonObject(offset.body()).getJsonObject("period").getString("from"))
          .isEqualTo("2026-11-23T00:00:00Z");
      assertThat(new JsonObject(offset.body()).getLong("treeSize")).isEqualTo(before + 1);
    }
  }

  @Test
  void connectorAndQuerier_areRefusedWith403_andNoTokenWith401_allAudited() {
    try (TestService s = TestService.start(dir)) {
      for (String token : List.of(LEERPLICHT, POLITIE_QUERIER)) {
        long before = s.service.auditLog().size();
        HttpResponse<String> r = s.get(DAY, token);
        assertProblem(r, 403, "forbidden");
        AuditEntry e = assertAuditedLast(s, before, AuditOutcome.REFUSED);
        assertThat(e.clientId()).isEqualTo(token.equals(LEERPLICHT) ? "leerplicht-connector" : "politie-querier");
        assertThat(e.problemType()).isEqualTo("forbidden");
        assertThat(e.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
      }
      for (String token : new String[] {null, "no-such-token"}) {
        long before = s.service.auditLog().size();
        assertProblem(s.get(DAY, token), 401, "unauthenticated");
        AuditEntry e = assertAuditedLast(s, before, AuditOutcome.REFUSED);
        assertThat(e.clientId()).isNull();
        assertThat(e.problemType()).isEqualTo("unauthenticated");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      ANOMALIES,
      ANOMALIES + "?from=2026-11-23T00:00:00Z",
      ANOMALIES + "?to=2026-11-24T00:00:00Z",
      ANOMALIES + "?from=yesterday&to=2026-11-24T00:00:00Z",
      ANOMALIES + "?from=2026-11-23&to=2026-11-24",
      ANOMALIES + "?from=2026-11-23T00:00:00Z&to=2026-11-23T00:00:00Z",
      ANOMALIES + "?from=2026-11-24T00:00:00Z&to=2026-11-23T00:00:00Z",
      ANOMALIES + "?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:01Z",
      ANOMALIES + "?from=2026-11-23T00:00:00Z&from=2026-11-22T00:00:00Z&to=2026-11-24T00:00:00Z",
      ANOMALIES + "?from=2026-11-23T00:00:00Z&to=",
      ANOMALIES + "?from=2026-11-23T00:00:00.000000000000000000000000000Z&to=2026-11-24T00:00:00Z"})
  void badPeriods_give400_andAreAuditedAsInvalid(String path) {
    try (TestService s = TestService.start(dir)) {
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(path, PRIVACY_OFFICER);

      assertProblem(r, 400, "invalid-request");
      AuditEntry e = assertAuditedLast(s, before, AuditOutcome.INVALID);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.problemType()).isEqualTo("invalid-request");
    }
  }

  @Test
  void aPeriodOfExactlyTheMaximum_isAccepted() {
    try (TestService s = TestService.start(dir)) {
      HttpResponse<String> r = s.get(ANOMALIES + "?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z", PRIVACY_OFFICER);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(new JsonObject(r.body()).getLong("treeSize")).isZero();
    }
  }
}
