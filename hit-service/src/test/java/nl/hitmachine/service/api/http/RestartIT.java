package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartIT {
  @TempDir Path dir;

  @Test
  void restart_keepsAcknowledgedRegistrationsAndAuditEntries() {
    String p = TestService.pseudonym();
    long auditSize;
    MutableClock clock;
    try (TestService s = TestService.start(dir)) {
      clock = s.clock;
      HttpResponse<String> r = s.postJson("/v1/registrations", LEERPLICHT,
          new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", p).put("ref", "LP-7"))));
      assertThat(r.statusCode()).isEqualTo(200);
      auditSize = s.service.auditLog().size();
    }
    try (TestService s = TestService.start(dir, clock)) {
      assertThat(s.service.auditLog().size()).isEqualTo(auditSize);
      assertThat(s.service.auditLog().verify().ok()).isTrue();
      HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, new JsonObject()
          .put("purpose", "screening").put("requestedBy", "x").put("subjects", new JsonArray().add(p)));
      assertThat(r.statusCode()).isEqualTo(200);
      JsonObject result = new JsonObject(r.body()).getJsonArray("results").getJsonObject(0);
      assertThat(result.getBoolean("known")).isTrue();
      assertThat(new JsonObject(r.body()).getJsonObject("receipt").getLong("sequence")).isEqualTo(auditSize);
    }
  }
}
