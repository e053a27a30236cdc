package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.FileAuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditFailureIT {
  @TempDir Path dir;

  @Test
  void auditUnwritable_lookupsGet503WithoutAnswer_andRegistrationsChangeNothing() {
    FailingDisk disk = new FailingDisk();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    String p = TestService.pseudonym();
    String later = TestService.pseudonym();
    try (TestService s = TestService.start(dir, clock, d -> FileAuditLog.open(d, disk))) {
      HttpResponse<String> ok = s.postJson("/v1/registrations", LEERPLICHT,
          new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", p))));
      assertThat(ok.statusCode()).isEqualTo(200);

      disk.fail();
      HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, new JsonObject()
          .put("purpose", "screening").put("requestedBy", "x").put("subjects", new JsonArray().add(p)));
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
      assertThat(r.body()).doesNotContain("leerplicht").doesNotContain("results").doesNotContain(p);

      HttpResponse<String> w = s.postJson("/v1/registrations", LEERPLICHT,
          new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", later))));
      assertThat(w.statusCode()).isEqualTo(503);
      assertThat(s.send("GET", "/health/ready", null, null, null).statusCode()).isEqualTo(503);
      assertThat(s.service.index().lookup(java.util.List.of(), clock.instant().atZone(clock.getZone()).toLocalDate())).isEmpty();
      // metrics count both calls as unavailable (the audit entry could not be written)
      String metrics = s.management("GET", "/metrics").body();
      assertThat(metrics)
          .contains("hitmachine_lookups_total{agency=\"politie\",outcome=\"unavailable\",problem_type=\"none\"} 1.0")
          .contains("hitmachine_registrations_total{action=\"register\",agency=\"leerplicht\",outcome=\"unavailable\"} 1.0")
          .contains("hitmachine_registrations_total{action=\"register\",agency=\"leerplicht\",outcome=\"ok\"} 1.0");
    }
    // After restart on a healthy disk: the registration made while the audit log failed was never applied.
    try (TestService s = TestService.start(dir, clock)) {
      HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, new JsonObject()
          .put("purpose", "screening").put("requestedBy", "x").put("subjects", new JsonArray().add(later).add(p)));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonArray results = new JsonObject(r.body()).getJsonArray("results");
      assertThat(results.getJsonObject(0).getBoolean("known")).isFalse();
      assertThat(results.getJsonObject(1).getBoolean("known")).isTrue();
      assertThat(s.service.auditLog().verify().ok()).isTrue();
    }
  }
}
