package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.HouseholdResult;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.LookupResult;
import nl.hitmachine.connector.PseudonymKey;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.Registration;
import nl.hitmachine.connector.ReplaceResult;
import nl.hitmachine.service.TestService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real connector SDK against the real service: push, replace, screen, and check the answers. */
class ConnectorSdkE2EIT {
  @TempDir Path dir;

  private static List<Bsn> validBsns(int n) {
    List<Bsn> out = new ArrayList<>();
    for (long candidate = 100_000_000L; out.size() < n; candidate += 7) {
      String digits = Long.toString(candidate);
      if (Bsn.isValid(digits)) {
        out.add(Bsn.parse(digits));
      }
    }
    return out;
  }

  private HitmachineClient client(TestService s, String token) {
    return HitmachineClient.builder(URI.create("http://127.0.0.1:" + s.service.port()), token).build();
  }

  @Test
  void pushReplaceAndScreen_throughTheSdk_givesTheExpectedAnswers() throws Exception {
    PseudonymKey key = PseudonymKey.generate("fed1", Clock.systemUTC(), new SecureRandom());
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.of(key));
    List<Bsn> people = validBsns(8);
    Map<String, Bsn> back = new HashMap<>(); // the coordinator's local map pseudonym → BSN
    List<String> p = new ArrayList<>();
    for (Bsn b : people) {
      String pseudonym = pseudonymiser.pseudonymise(b);
      back.put(pseudonym, b);
      p.add(pseudonym);
    }
    // Household A = people 0..2, household B = people 3..4; 5..7 are other clients.
    try (TestService s = TestService.start(dir)) {
      try (HitmachineClient leerplicht = client(s, TestService.LEERPLICHT);
          HitmachineClient schuldhulp = client(s, TestService.SCHULDHULP);
          HitmachineClient politie = client(s, TestService.POLITIE);
          HitmachineClient coordinator = client(s, TestService.COORDINATOR)) {
        assertThat(leerplicht.replaceCaseload(Stream.of(p.get(0), p.get(5), p.get(6)).map(Registration::of)))
            .isEqualTo(new ReplaceResult(3, 0, 0));
        assertThat(schuldhulp.replaceCaseload(List.of(Registration.of(p.get(1)), Registration.of(p.get(3)))))
            .isEqualTo(new ReplaceResult(2, 0, 0));
        assertThat(politie.register(List.of(Registration.of(p.get(2)), Registration.of(p.get(7))))).isEqualTo(2);
        // leerplicht's next full sync: 6 left, 3 came in, 0 and 5 stay.
        assertThat(leerplicht.replaceCaseload(Stream.of(p.get(0), p.get(5), p.get(3)).map(Registration::of)))
            .isEqualTo(new ReplaceResult(1, 1, 2));
        // The coordinator registers its screening list (legitimate relation), then screens it.
        coordinator.register(p.subList(0, 5).stream().map(Registration::of).toList());
        LookupResult answer = coordinator.lookup(LookupRequest.builder("screening", "VH-2026-0001", "demo.coordinator")
            .household("A", List.of(List.of(p.get(0)), List.of(p.get(1)), List.of(p.get(2))))
            .household("B", List.of(List.of(p.get(3)), List.of(p.get(4))))
            .build());

        HouseholdResult a = answer.households().get(0);
        assertThat(a.ref()).isEqualTo("A");
        assertThat(a.domains()).containsExactly("onderwijs", "financien", "veiligheid");
        assertThat(a.signal()).isTrue();
        HouseholdResult b = answer.households().get(1);
        assertThat(b.domains()).containsExactly("onderwijs", "financien");
        assertThat(b.signal()).isFalse();
        // Mapped back to the coordinator's own BSNs, locally: person 4 is known to nobody else.
        Map<Bsn, Boolean> known = new HashMap<>();
        b.results().forEach(r -> known.put(back.get(r.subject()), r.known()));
        assertThat(known).containsEntry(people.get(3), true).containsEntry(people.get(4), false);
        assertThat(answer.receipt()).containsKey("sequence");

        // A connector may not look up; the SDK surfaces the typed problem.
        assertThatThrownBy(() -> leerplicht.lookup(LookupRequest.builder("screening", "X", "y").subject(p.get(0)).build()))
            .isInstanceOf(HitmachineProblemException.class)
            .hasMessageContaining("querier");
      }
      // No BSN and no raw pseudonym ever reached the audit log.
      for (Path f : Files.walk(dir.resolve("data/audit")).filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int i = 0; i < people.size(); i++) {
          assertThat(text).doesNotContain(people.get(i).digits()).doesNotContain(p.get(i)).doesNotContain(p.get(i).substring(5));
        }
      }
    }
  }
}
