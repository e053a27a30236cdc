package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
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
import nl.hitmachine.service.config.HealthConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /health/ready} on the real service names the failing check (a fixed word, never a
 * path) and {@code /health/live} stays 200 whatever readiness says.
 */
class HealthIT {
  @TempDir Path dir;

  @Test
  void healthyService_isReadyAndLive() {
    try (TestService s = TestService.start(dir)) {
      HttpResponse<String> ready = s.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(ready.body())).isEqualTo(new JsonObject().put("status", "UP"));
      assertThat(s.get("/health/live", null).statusCode()).isEqualTo(200);
      // the same probes on the management port (plain HTTP, for orchestrators when the API needs mutual TLS)
      HttpResponse<String> managementReady = s.management("GET", "/health/ready");
      assertThat(managementReady.statusCode()).isEqualTo(200);
      assertThat(new JsonObject(managementReady.body())).isEqualTo(new JsonObject().put("status", "UP"));
      assertThat(s.management("GET", "/health/live").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void freeDiskBelowTheByteThreshold_notReady_namingBothDiskChecks_butLive() {
    HealthConfig absurd = new HealthConfig(Long.MAX_VALUE, 0);
    try (TestService s = TestService.start(dir, TestService.config(dir).with(absurd, null))) {
      HttpResponse<String> ready = s.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(ready.body())).isEqualTo(new JsonObject().put("status", "DOWN")
          .put("failed", new JsonArray().add("index-disk-space").add("audit-disk-space")));
      assertThat(ready.body()).doesNotContain(dir.toString()).doesNotContain("/");
      assertThat(s.get("/health/live", null).statusCode()).isEqualTo(200);
      HttpResponse<String> managementReady = s.management("GET", "/health/ready");
      assertThat(managementReady.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(managementReady.body())).isEqualTo(new JsonObject(ready.body()));
      assertThat(s.management("GET", "/health/live").statusCode()).isEqualTo(200);
      // readiness is for the orchestrator; the service itself still answers
      s.register(LEERPLICHT, TestService.pseudonym());
    }
  }

  @Test
  void freeDiskBelowThePercentThreshold_notReady() {
    HealthConfig allOfIt = new HealthConfig(0L, 100); // no file system in use is 100 % free
    try (TestService s = TestService.start(dir, TestService.config(dir).with(allOfIt, null))) {
      HttpResponse<String> ready = s.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getJsonArray("failed")).containsExactly("index-disk-space", "audit-disk-space");
    }
  }

  @Test
  void auditLogNotWritable_notReady_namingTheAuditLog_butLive() {
    FailingDisk disk = new FailingDisk();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    try (TestService s = TestService.start(dir, clock, d -> FileAuditLog.open(d, disk))) {
      assertThat(s.get("/health/ready", null).statusCode()).isEqualTo(200);
      disk.fail();
      HttpResponse<String> refused = s.postJson("/v1/registrations", LEERPLICHT, new JsonObject().put("registrations",
          new JsonArray().add(new JsonObject().put("subject", TestService.pseudonym()))));
      assertThat(refused.statusCode()).isEqualTo(503); // the failed write turns the log unwritable

      HttpResponse<String> ready = s.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(new JsonObject(ready.body()).getJsonArray("failed")).containsExactly("audit-log");
      assertThat(s.get("/health/live", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void afterShutdownBegins_readinessNamesShuttingDown() {
    try (TestService s = TestService.start(dir)) {
      assertThat(s.service.readiness().failedChecks()).isEmpty();
      s.service.close();
      assertThat(s.service.readiness().failedChecks()).contains("shutting-down");
    }
  }
}
