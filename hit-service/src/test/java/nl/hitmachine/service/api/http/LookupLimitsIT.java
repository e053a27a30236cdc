package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.COORDINATOR;
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
import nl.hitmachine.service.config.LookupLimitsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-client lookup rate limits and daily quotas over HTTP, on the test clock. */
class LookupLimitsIT {
  @TempDir Path dir;
  private TestService s;

  @BeforeEach
  void start() {
    // 10 subjects/s, bursts of 20 (= max subjects per lookup), 50 subjects a day; clock 2026-11-23T09:00Z
    s = TestService.startWithLimits(dir, TestService.limits(new LookupLimitsConfig(10, 20, 50), null, null));
  }

  @AfterEach
  void stop() {
    s.close();
  }

  private HttpResponse<String> lookup(String token, String purpose, int subjects) {
    JsonArray list = new JsonArray();
    for (int i = 0; i < subjects; i++) {
      list.add(TestService.pseudonym());
    }
    return s.postJson("/v1/lookups", token, new JsonObject().put("purpose", purpose).put("caseRef", "VH-7")
        .put("requestedBy", "a.coordinator").put("subjects", list));
  }

  @Test
  void rateLimit_trips_isAudited_andRefillsWithTime() {
    assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = lookup(COORDINATOR, "screening", 1);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).contains("1");
    assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
    assertThat(new JsonObject(refused.body()).getString("type")).isEqualTo("https://hitmachine.nl/problems/rate-limited");

    AuditEntry audited = AuditAssertions.last(s);
    assertThat(audited.action()).isEqualTo(AuditAction.LOOKUP);
    assertThat(audited.outcome()).isEqualTo(AuditOutcome.REFUSED);
    assertThat(audited.problemType()).isEqualTo("rate-limited");
    assertThat(audited.clientId()).isEqualTo("vh-coordinator");
    assertThat(audited.purpose()).isEqualTo("screening");
    assertThat(audited.subjects()).isEmpty();
    assertThat(audited.counts()).containsEntry("subjects", 1L);

    // another client is not affected
    assertThat(lookup(WIJKTEAM_QUERIER, "hulpverlening", 20).statusCode()).isEqualTo(200);

    s.clock.advance(Duration.ofSeconds(2));
    assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
  }

  @Test
  void dailyQuota_trips_withRetryAfterUntilMidnight_andResetsTheNextDay() {
    for (int i = 0; i < 2; i++) {
      assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
      s.clock.advance(Duration.ofSeconds(2));
    }
    HttpResponse<String> refused = lookup(COORDINATOR, "screening", 20); // 40 + 20 > 50
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(new JsonObject(refused.body()).getString("type")).isEqualTo("https://hitmachine.nl/problems/quota-exceeded");
    // 09:00:04Z; midnight in Amsterdam = 23:00Z: 50 396 s, plus the rounding second
    assertThat(refused.headers().firstValue("Retry-After")).contains("50397");
    assertThat(AuditAssertions.last(s).problemType()).isEqualTo("quota-exceeded");

    assertThat(lookup(COORDINATOR, "screening", 10).statusCode()).as("the refusal cost nothing").isEqualTo(200);
    assertThat(lookup(COORDINATOR, "screening", 1).statusCode()).isEqualTo(429);

    s.clock.advance(Duration.ofSeconds(50_397));
    assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
  }

  @Test
  void invalidLookups_areRefusedBeforeTheLimit_andCostNothing() {
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> r = s.postJson("/v1/lookups", COORDINATOR, new JsonObject().put("purpose", "screening")
          .put("caseRef", "VH-7").put("requestedBy", "x").put("subjects", new JsonArray(List.of("not-a-pseudonym"))));
      assertThat(r.statusCode()).isEqualTo(400);
    }
    assertThat(lookup(COORDINATOR, "screening", 20).statusCode()).isEqualTo(200);
  }
}
