package nl.hitmachine.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.demo.DemoPopulation.Agency;
import nl.hitmachine.connector.demo.DemoPopulation.Case;
import nl.hitmachine.connector.demo.DemoPopulation.Household;
import nl.hitmachine.connector.demo.DemoPopulation.Resident;
import nl.hitmachine.connector.demo.DemoPopulation.ScreeningHousehold;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoPopulationTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 1, 15);
  private static DemoPopulation city;

  @BeforeAll
  static void generateFullSizeCity() {
    city = DemoPopulation.generate(42, 1.0, TODAY);
  }

  @Test
  void generate_fullScale_nijmegenSizedCity() {
    assertThat(city.households()).hasSize(85_000);
    assertThat(city.residents().size()).isBetween(170_000, 190_000);
    Map<Integer, Long> sizes =
        city.households().stream().collect(Collectors.groupingBy(h -> h.members().size(), Collectors.counting()));
    assertThat(sizes.get(1)).as("singles").isBetween(30_000L, 40_000L);
    assertThat(sizes.get(2)).as("two-person households").isBetween(20_000L, 32_000L);
    assertThat(sizes.getOrDefault(5, 0L) + sizes.getOrDefault(6, 0L)).as("large families").isGreaterThan(2_000L);
  }

  @Test
  void name_deterministicWindows1252AndSharedSurnameWithinAHousehold() {
    DemoPopulation again = DemoPopulation.generate(42, 0.01, TODAY);
    DemoPopulation small = DemoPopulation.generate(42, 0.01, TODAY);
    java.nio.charset.CharsetEncoder cp1252 = java.nio.charset.Charset.forName("windows-1252").newEncoder();
    int nonAscii = 0;
    for (Household h : small.households()) {
      for (int m = 0; m < h.members().size(); m++) {
        String name = small.name(h.members().get(m));
        assertThat(name).isEqualTo(again.name(again.households().get(small.households().indexOf(h)).members().get(m)));
        assertThat(cp1252.canEncode(name)).as(name).isTrue();
        nonAscii += name.chars().anyMatch(c -> c > 127) ? 1 : 0;
      }
      String first = small.name(h.members().get(0));
      String surname = first.substring(first.indexOf(' ') + 1);
      for (Resident child : h.members()) {
        if (child.age() < 18) {
          assertThat(small.name(child)).as("children carry the household's surname").endsWith(" " + surname);
        }
      }
    }
    assertThat(nonAscii).as("some names need windows-1252 rather than ASCII").isGreaterThan(10);
    // Names are drawn apart from the city: the full-size city of the same seed names alike.
    Resident r = city.households().get(0).members().get(0);
    assertThat(city.name(r)).isEqualTo(small.name(small.households().get(0).members().get(0)));
    Resident stranger = new Resident(r.bsn(), r.age() + 1, r.householdId());
    assertThatThrownBy(() -> city.name(stranger)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void generate_everyResident_uniqueBsnThatPassesTheElevenCheck() {
    Set<String> seen = new HashSet<>();
    for (Resident r : city.residents()) {
      assertThat(Bsn.isValid(r.bsn().digits())).isTrue();
      assertThat(seen.add(r.bsn().digits())).as("unique BSN").isTrue();
    }
  }

  @Test
  void caseloads_fullScale_haveTheConfiguredSizes() {
    for (Agency agency : city.agencies()) {
      List<Case> cases = city.caseload(agency.code());
      if (agency.code().equals("regieteam")) {
        // Whole households: the last one may take it a little over the target.
        assertThat(cases.size()).isBetween(agency.caseloadSize(), agency.caseloadSize() + 10);
      } else {
        assertThat(cases).as(agency.code()).hasSize(agency.caseloadSize());
      }
      assertThat(cases.stream().map(c -> c.resident().bsn()).distinct().count()).isEqualTo(cases.size());
    }
    assertThat(city.agencies()).extracting(Agency::code)
        .containsExactly(
            "leerplicht", "schuldhulp", "werkinkomen", "wijkteam", "ggz", "regieteam", "veiligthuis",
            "woningcorporatie", "politie", "om", "reclassering");
  }

  @Test
  void caseloads_eligibility_followsAgeAndHouseholdRules() {
    assertThat(city.caseload("leerplicht")).allSatisfy(c -> assertThat(c.resident().age()).isBetween(5, 18));
    for (String adultsOnly : List.of("schuldhulp", "werkinkomen", "woningcorporatie", "om", "reclassering")) {
      assertThat(city.caseload(adultsOnly)).as(adultsOnly).allSatisfy(c -> assertThat(c.resident().age()).isGreaterThanOrEqualTo(18));
    }
    // woningcorporatie: one tenant per household
    assertThat(city.caseload("woningcorporatie").stream().map(c -> c.resident().householdId()).distinct().count())
        .isEqualTo(city.caseload("woningcorporatie").size());
    // regieteam: whole households of two or more
    Map<String, Household> byId = city.households().stream().collect(Collectors.toMap(Household::id, h -> h));
    Map<String, Long> regieMembers =
        city.caseload("regieteam").stream().collect(Collectors.groupingBy(c -> c.resident().householdId(), Collectors.counting()));
    regieMembers.forEach((id, n) -> assertThat(n).isEqualTo(byId.get(id).members().size()).isGreaterThanOrEqualTo(2));
  }

  @Test
  void caseloads_multiProblemHouseholds_overRepresented() {
    Map<Resident, Integer> agenciesPerResident = new HashMap<>();
    long registrations = 0;
    for (Agency agency : city.agencies()) {
      for (Case c : city.caseload(agency.code())) {
        agenciesPerResident.merge(c.resident(), 1, Integer::sum);
        registrations++;
      }
    }
    long knownToThreeOrMore = agenciesPerResident.values().stream().filter(n -> n >= 3).count();
    // Expected if every agency drew its caseload independently and uniformly from all residents.
    int n = city.residents().size();
    double[] atLeast = new double[12]; // P(exactly k) by dynamic programming over the agencies
    atLeast[0] = 1;
    for (Agency agency : city.agencies()) {
      double p = (double) city.caseload(agency.code()).size() / n;
      for (int k = 11; k >= 0; k--) {
        atLeast[k] = atLeast[k] * (1 - p) + (k > 0 ? atLeast[k - 1] * p : 0);
      }
    }
    double independentThreeOrMore = n * (1 - atLeast[0] - atLeast[1] - atLeast[2]);
    assertThat(knownToThreeOrMore).isGreaterThan((long) (10 * independentThreeOrMore));

    double meanLoad = city.households().stream().mapToDouble(Household::problemLoad).average().orElseThrow();
    Map<String, Double> load =
        city.households().stream().collect(Collectors.toMap(Household::id, Household::problemLoad));
    double meanLoadOfRegistered =
        city.agencies().stream()
            .flatMap(a -> city.caseload(a.code()).stream())
            .mapToDouble(c -> load.get(c.resident().householdId()))
            .sum()
            / registrations;
    assertThat(meanLoadOfRegistered).isGreaterThan(2 * meanLoad);
  }

  @Test
  void caseloads_refsAndValidity_agencyCaseNumbersWithinTwelveMonths() {
    for (Agency agency : city.agencies()) {
      List<Case> cases = city.caseload(agency.code());
      assertThat(cases).allSatisfy(c -> {
        assertThat(c.ref()).matches(agency.refPrefix() + "-\\d{6}");
        assertThat(Bsn.isValid(c.ref())).isFalse();
        assertThat(c.validUntil()).isAfter(TODAY).isBeforeOrEqualTo(TODAY.plusMonths(12));
      });
      assertThat(cases.stream().map(Case::ref).distinct().count()).isEqualTo(cases.size());
    }
  }

  @Test
  void screeningList_fullScale_about145HouseholdsAnd240PeopleFromTheHighestLoads() {
    List<ScreeningHousehold> list = city.screeningList();
    assertThat(list).hasSize(145);
    int people = list.stream().mapToInt(s -> s.members().size()).sum();
    assertThat(people).isBetween(200, 290);

    double[] loads = city.households().stream().mapToDouble(Household::problemLoad).sorted().toArray();
    double cutoff = loads[loads.length - 3 * 145]; // the 435 highest loads are the candidates
    assertThat(list).allSatisfy(s -> {
      assertThat(s.household().problemLoad()).isGreaterThanOrEqualTo(cutoff);
      assertThat(s.household().members()).containsAll(s.members());
      assertThat(s.members()).hasSizeBetween(1, 3);
    });
    double[] listed = list.stream().mapToDouble(s -> s.household().problemLoad()).toArray();
    double[] descending = Arrays.stream(listed).boxed().sorted((a, b) -> Double.compare(b, a)).mapToDouble(d -> d).toArray();
    assertThat(listed).containsExactly(descending);
  }

  @Test
  void coordinatorCaseload_everyScreenedMember_withVhRef() {
    List<Resident> screened = city.screeningList().stream().flatMap(s -> s.members().stream()).toList();
    assertThat(city.coordinatorCaseload()).extracting(Case::resident).containsExactlyElementsOf(screened);
    assertThat(city.coordinatorCaseload()).allSatisfy(c -> assertThat(c.ref()).matches("VH-\\d{6}"));
    assertThat(city.coordinatorCaseload().get(0).ref()).isEqualTo("VH-000001");
  }

  @Test
  void generate_sameSeed_sameCity() {
    DemoPopulation a = DemoPopulation.generate(7, 0.05, TODAY);
    DemoPopulation b = DemoPopulation.generate(7, 0.05, TODAY);
    assertThat(digits(a.residents())).isEqualTo(digits(b.residents()));
    for (Agency agency : a.agencies()) {
      assertThat(a.caseload(agency.code())).isEqualTo(b.caseload(agency.code()));
    }
    assertThat(a.screeningList()).isEqualTo(b.screeningList());
  }

  @Test
  void generate_otherSeed_otherCity() {
    DemoPopulation a = DemoPopulation.generate(7, 0.05, TODAY);
    DemoPopulation b = DemoPopulation.generate(8, 0.05, TODAY);
    assertThat(digits(a.residents())).isNotEqualTo(digits(b.residents()));
  }

  @Test
  void generate_smallScale_everyPartStillPresent() {
    DemoPopulation tiny = DemoPopulation.generate(1, 0.001, TODAY);
    assertThat(tiny.households()).hasSize(85);
    assertThat(tiny.screeningList()).hasSize(1);
    for (Agency agency : tiny.agencies()) {
      assertThat(tiny.caseload(agency.code())).as(agency.code()).isNotEmpty();
    }
  }

  @Test
  void generate_invalidArguments_rejected() {
    assertThatThrownBy(() -> DemoPopulation.generate(1, 0, TODAY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DemoPopulation.generate(1, Double.NaN, TODAY)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> city.caseload("nope")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_ofResidentAndCase_neverShowsTheBsn() {
    Case c = city.caseload("leerplicht").get(0);
    assertThat(c.toString()).doesNotContain(c.resident().bsn().digits());
    assertThat(city.households().get(0).toString()).doesNotContain(city.households().get(0).members().get(0).bsn().digits());
  }

  private static List<String> digits(List<Resident> residents) {
    return residents.stream().map(r -> r.bsn().digits()).toList();
  }
}
