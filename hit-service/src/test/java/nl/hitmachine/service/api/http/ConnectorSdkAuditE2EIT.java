package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.hitmachine.connector.AuditQuery;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's privacy-officer calls (audit search, anomalies, subject report, checkpoint) against the real service. */
class ConnectorSdkAuditE2EIT {
  @TempDir Path dir;

  private static HitmachineClient client(TestService s, String token) {
    return HitmachineClient.builder(URI.create("http://127.0.0.1:" + s.service.port()), token).build();
  }

  @Test
  void auditCalls_afterALookup_findTheLookupAndAreThemselvesAudited() throws Exception {
    Pseudonymiser pseudonymiser =
        Pseudonymiser.of(PseudonymKeyRing.of(PseudonymKey.generate("fed1", Clock.systemUTC(), new SecureRandom())));
    String person = pseudonymiser.pseudonymise(Bsn.parse("111222333"));
    String other = pseudonymiser.pseudonymise(Bsn.parse("123456782"));
    try (TestService s = TestService.start(dir);
        HitmachineClient leerplicht = client(s, TestService.LEERPLICHT);
        HitmachineClient coordinator = client(s, TestService.COORDINATOR);
        HitmachineClient officer = client(s, TestService.PRIVACY_OFFICER)) {
      leerplicht.register(List.of(Registration.of(person)));
      coordinator.register(List.of(Registration.of(person), Registration.of(other)));
      coordinator.lookup(LookupRequest.builder("screening", "VH-2026-0042", "a.de.vries").subject(person).build());
      coordinator.lookup(LookupRequest.builder("screening", "VH-2026-0043", "a.de.vries").subject(other).build());

      JsonObject page = new JsonObject(officer.auditEntries(AuditQuery.builder().action("lookup").subject(List.of(person)).build()));
      JsonArray entries = page.getJsonArray("entries");
      assertThat(entries).hasSize(1);
      assertThat(entries.getJsonObject(0).getString("caseRef")).isEqualTo("VH-2026-0042");
      assertThat(entries.getJsonObject(0).getString("requestedBy")).isEqualTo("a.de.vries");

      JsonObject byCase = new JsonObject(officer.auditEntries(AuditQuery.builder().caseRef("VH-2026-0043").limit(10).build()));
      assertThat(byCase.getJsonArray("entries")).hasSize(1);

      JsonObject report = new JsonObject(officer.subjectReport(List.of(person), null, null));
      assertThat(report.getInteger("lookupCount")).isEqualTo(1);
      JsonObject lookup = report.getJsonArray("lookups").getJsonObject(0);
      assertThat(lookup.getString("caseRef")).isEqualTo("VH-2026-0042");
      assertThat(lookup.getJsonArray("disclosed").getList()).contains("leerplicht");
      // The earlier search for this person is listed as an audit read.
      assertThat(report.getJsonArray("auditReads")).isNotEmpty();

      Instant now = s.clock.instant();
      JsonObject anomalies = new JsonObject(officer.auditAnomalies(now.minusSeconds(86_400), now.plusSeconds(60)));
      assertThat(anomalies.getJsonObject("totals").getInteger("lookups")).isEqualTo(2);

      s.service.checkpoints().publishIfGrown();
      String checkpoint = officer.auditCheckpoint();
      assertThat(checkpoint.lines().findFirst().orElseThrow()).isNotBlank();
      assertThat(checkpoint.lines().skip(1).findFirst().orElseThrow()).matches("\\d+");
      assertThat(checkpoint).contains("\n\n\u2014 ");

      // Only a privacy officer may read the log; the SDK surfaces the problem.
      assertThatThrownBy(() -> coordinator.auditEntries(AuditQuery.builder().build()))
          .isInstanceOf(HitmachineProblemException.class)
          .satisfies(e -> assertThat(((HitmachineProblemException) e).status()).isEqualTo(403));
    }
  }

  @Test
  void auditQuery_refusesARawIdentifierAsSubject_withoutEchoingIt() {
    assertThatThrownBy(() -> AuditQuery.builder().subject(List.of("123456782")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("123456782");
  }
}
