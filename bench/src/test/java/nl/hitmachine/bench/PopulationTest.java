package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PopulationTest {
  @Test
  void digest_isSha256OfSeedAndIndexBigEndian_asPostgresComputesIt() {
    // Independently computed: sha256(int8send(1) || int8send(0)) and sha256(int8send(7) || int8send(123456789)),
    // the keys bin/pg-baseline loads into PostgreSQL.
    Population p = new Population("demo1", 1);
    assertThat(HexFormat.of().formatHex(p.digest(0)))
        .isEqualTo("783825822a6f9e62da2190e828e4c9d2576e5977e3a0b3620b092dfb9e9996fa");
    assertThat(p.pseudonym(0)).isEqualTo("demo1.eDglgipvnmLaIZDoKOTJ0lduWXfjoLNiCwkt-56Zlvo");
    assertThat(HexFormat.of().formatHex(new Population("demo1", 7).digest(123_456_789)))
        .isEqualTo("6012f2fe0371856f1748bba87c984a0229985a7f4c4a6eb1bef3d772cfa0d133");
  }

  @Test
  void pseudonym_hasThePseudonymFormat() {
    assertThat(new Population("demo2", 3).pseudonym(42)).matches("demo2\\.[A-Za-z0-9_-]{43}");
    assertThat(nl.hitmachine.connector.Pseudonymiser.isPseudonym(new Population("demo2", 3).pseudonym(42))).isTrue();
  }

  @Test
  void sampler_drawsRegisteredSubjectsAtTheHitRateAndOthersNeverRegistered() {
    Population p = new Population("demo1", 1);
    java.util.Set<String> registered = new java.util.HashSet<>();
    for (long i = 0; i < 1000; i++) {
      registered.add(p.pseudonym(i));
    }
    Supplier<String> sampler = p.sampler(1000, 0.25, new SplittableRandom(9));
    int hits = 0;
    for (int i = 0; i < 4000; i++) {
      if (registered.contains(sampler.get())) {
        hits++;
      }
    }
    assertThat(hits).isBetween(900, 1100); // 25 % of 4000, binomial spread well inside ±100
    Supplier<String> none = p.sampler(1000, 0, new SplittableRandom(9));
    for (int i = 0; i < 1000; i++) {
      assertThat(registered).doesNotContain(none.get());
    }
  }

  @Test
  void sampler_refusesAHitRateWithoutAPopulation() {
    Population p = new Population("demo1", 1);
    assertThatThrownBy(() -> p.sampler(0, 0.5, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.sampler(10, 1.5, new SplittableRandom(1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Population("Bad.Kid", 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void registrationBatches_coverConsecutiveSubjectsAndStopAtTheEnd() {
    Population p = new Population("demo1", 1);
    RegistrationBatches batches = new RegistrationBatches(p, 0, 3);
    assertThat(new String(batches.body(0))).isEqualTo("{\"registrations\":[{\"subject\":\"" + p.pseudonym(0) + "\"},{\"subject\":\""
        + p.pseudonym(1) + "\"},{\"subject\":\"" + p.pseudonym(2) + "\"}]}");
    assertThat(new String(batches.body(1, 4))).isEqualTo("{\"registrations\":[{\"subject\":\"" + p.pseudonym(3) + "\"}]}");
  }

  @Test
  void caseloads_overlapByHalf() {
    Population p = new Population("demo1", 1);
    Caseloads c = new Caseloads(p, 100, 4);
    java.util.List<String> first = new java.util.ArrayList<>();
    c.caseload(0).forEachRemaining(r -> first.add(r.subject()));
    java.util.List<String> second = new java.util.ArrayList<>();
    c.caseload(1).forEachRemaining(r -> second.add(r.subject()));
    assertThat(first).containsExactly(p.pseudonym(100), p.pseudonym(101), p.pseudonym(102), p.pseudonym(103));
    assertThat(second).containsExactly(p.pseudonym(102), p.pseudonym(103), p.pseudonym(104), p.pseudonym(105));
  }
}
