package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BsnLookupTest {
  private static final PseudonymKey OLD =
      new PseudonymKey("v1", SecretBytes.copyOf(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")), LocalDate.of(2025, 1, 1));
  private static final PseudonymKey NEW =
      new PseudonymKey("k2026a", SecretBytes.copyOf(HexFormat.of().parseHex("34a5df80049f57c9c1e5c01697bf382f6851eb37f6f95f89e8d6cfd93b75cb68")), LocalDate.of(2026, 1, 1));
  private static final Pseudonymiser BOTH = Pseudonymiser.of(PseudonymKeyRing.of(NEW, OLD));
  private static final Pseudonymiser OLD_ONLY = Pseudonymiser.of(OLD);
  private static final LookupContext CONTEXT = new LookupContext("screening", "VH-2026-0001", "j.jansen");
  private static final Agency LEERPLICHT = new Agency("leerplicht", "Leerplicht", "onderwijs");
  private static final Agency SCHULDHULP = new Agency("schuldhulp", "Schuldhulp", "financien");
  private static final Agency WIJKTEAM = new Agency("wijkteam", "Wijkteam", "zorg");

  private final List<Bsn> people = LookupResponder.bsns(1, 6);
  private MockHitService service;
  private HitmachineClient client;
  private LookupResponder responder;

  @BeforeEach
  void start() throws IOException {
    service = MockHitService.start();
    client = HitmachineClient.builder(service.uri(), "tok").build();
    responder = new LookupResponder();
    service.handler(responder);
  }

  @AfterEach
  void stop() {
    client.close();
    service.close();
  }

  private void assertNoRawBsnSent() {
    List<String> forbidden = new ArrayList<>();
    for (Bsn b : LookupResponder.bsns(1, 6)) {
      forbidden.add(b.digits());
      forbidden.add(b.digits().replaceFirst("^0+", ""));
    }
    service.assertNoBodyContains(forbidden);
  }

  @Test
  void person_registeredUnderTheOldKidOnly_foundBecauseAllAliasesAreSent() throws Exception {
    Bsn bsn = people.get(0);
    responder.know(OLD_ONLY.pseudonymise(bsn), LEERPLICHT);

    PersonAnswer answer = new BsnLookup(BOTH, client).person(CONTEXT, bsn);

    assertThat(answer).isEqualTo(new PersonAnswer(bsn, true, true, List.of(LEERPLICHT)));
    assertThat(answer.toString()).doesNotContain(bsn.digits());
    Recorded r = service.requests().get(0);
    assertThat(LookupResponder.body(r))
        .containsEntry("purpose", "screening")
        .containsEntry("caseRef", "VH-2026-0001")
        .containsEntry("requestedBy", "j.jansen")
        .containsEntry("subjects", List.of(List.of(BOTH.pseudonymise(bsn, "k2026a"), BOTH.pseudonymise(bsn, "v1"))))
        .containsEntry("households", List.of());
    assertNoRawBsnSent();
  }

  @Test
  void persons_duplicatesUnknownAndWithheld_askedOnceEachAndMappedBackInOrder() throws Exception {
    Bsn known = people.get(0);
    Bsn unknown = people.get(1);
    Bsn withheld = people.get(2);
    responder.know(BOTH.pseudonymise(known), LEERPLICHT, SCHULDHULP).withhold(BOTH.pseudonymise(withheld));

    BsnLookupResult result =
        new BsnLookup(BOTH, client).persons(CONTEXT, List.of(unknown, known, Bsn.parse(unknown.digits()), withheld, known));

    assertThat(result.persons())
        .containsExactly(
            new PersonAnswer(unknown, false, true, List.of()),
            new PersonAnswer(known, true, true, List.of(LEERPLICHT, SCHULDHULP)),
            new PersonAnswer(withheld, false, false, List.of()));
    assertThat(result.person(known)).contains(result.persons().get(1));
    assertThat(result.lookupIds()).containsExactly("lk-1");
    assertThat(service.requests()).hasSize(1);
    assertThat((List<?>) LookupResponder.body(service.requests().get(0)).get("subjects")).hasSize(3);
    assertNoRawBsnSent();
  }

  @Test
  void households_membersMappedBackWithAgenciesDomainsAndSignal() throws Exception {
    Bsn mother = people.get(0);
    Bsn child = people.get(1);
    Bsn neighbour = people.get(2);
    responder.know(BOTH.pseudonymise(mother), SCHULDHULP).know(BOTH.pseudonymise(child), LEERPLICHT, WIJKTEAM);
    Household h1 = new Household("H000017", List.of(mother, child, mother));
    Household h2 = new Household("H000018", List.of(neighbour, child));

    BsnLookupResult result = new BsnLookup(BOTH, client).households(CONTEXT, List.of(h1, h2));

    assertThat(h1.members()).containsExactly(mother, child);
    HouseholdAnswer first = result.household("H000017").orElseThrow();
    assertThat(first.members())
        .containsExactly(
            new PersonAnswer(mother, true, true, List.of(SCHULDHULP)),
            new PersonAnswer(child, true, true, List.of(LEERPLICHT, WIJKTEAM)));
    assertThat(first.agencies()).containsExactly(SCHULDHULP, LEERPLICHT, WIJKTEAM);
    assertThat(first.domains()).containsExactly("financien", "onderwijs", "zorg");
    assertThat(first.signal()).isTrue();
    HouseholdAnswer second = result.households().get(1);
    assertThat(second.ref()).isEqualTo("H000018");
    assertThat(second.member(neighbour)).contains(new PersonAnswer(neighbour, false, true, List.of()));
    assertThat(second.member(mother)).isEmpty();
    assertThat(second.signal()).isTrue();
    assertThat(result.persons()).isEmpty();

    Map<String, Object> sent = LookupResponder.body(service.requests().get(0));
    assertThat(sent.get("households"))
        .isEqualTo(List.of(
            Map.of("ref", "H000017", "members", List.of(BOTH.aliases(mother), BOTH.aliases(child))),
            Map.of("ref", "H000018", "members", List.of(BOTH.aliases(neighbour), BOTH.aliases(child)))));
    assertNoRawBsnSent();
  }

  @Test
  void persons_overTheLimit_splitIntoLookupsWithTheSameContext() throws Exception {
    List<Bsn> many = LookupResponder.bsns(2, 2_500);
    responder.know(BOTH.pseudonymise(many.get(1_999)), LEERPLICHT);

    BsnLookupResult result = new BsnLookup(BOTH, client).persons(CONTEXT, many);

    assertThat(service.requests()).hasSize(3);
    assertThat(service.requests().stream().map(r -> ((List<?>) LookupResponder.body(r).get("subjects")).size()))
        .containsExactly(1_000, 1_000, 500);
    for (Recorded r : service.requests()) {
      assertThat(LookupResponder.body(r))
          .containsEntry("purpose", "screening").containsEntry("caseRef", "VH-2026-0001").containsEntry("requestedBy", "j.jansen");
    }
    assertThat(result.lookupIds()).containsExactly("lk-1", "lk-2", "lk-3");
    assertThat(result.persons()).extracting(PersonAnswer::bsn).isEqualTo(many);
    assertThat(result.persons()).filteredOn(PersonAnswer::known).extracting(PersonAnswer::bsn).containsExactly(many.get(1_999));
  }

  @Test
  void households_neverSplitAcrossLookups() throws Exception {
    BsnLookup lookup = new BsnLookup(BOTH, client).withMaxSubjectsPerLookup(3);
    Household h1 = new Household("H1", List.of(people.get(1), people.get(2)));
    Household h2 = new Household("H2", List.of(people.get(3), people.get(4)));

    BsnLookupResult result = lookup.lookup(CONTEXT, List.of(people.get(0)), List.of(h1, h2));

    assertThat(service.requests()).hasSize(2);
    Map<String, Object> first = LookupResponder.body(service.requests().get(0));
    Map<String, Object> second = LookupResponder.body(service.requests().get(1));
    assertThat((List<?>) first.get("subjects")).hasSize(1);
    assertThat(((List<?>) first.get("households")).stream().map(h -> ((Map<?, ?>) h).get("ref")).toList()).isEqualTo(List.of("H1"));
    assertThat((List<?>) second.get("subjects")).isEmpty();
    assertThat(((List<?>) second.get("households")).stream().map(h -> ((Map<?, ?>) h).get("ref")).toList()).isEqualTo(List.of("H2"));
    assertThat(result.households()).extracting(HouseholdAnswer::ref).containsExactly("H1", "H2");
    assertThat(result.persons()).extracting(PersonAnswer::bsn).containsExactly(people.get(0));
  }

  @Test
  void lookup_householdTooBigOrDuplicateRefOrNothing_refusedBeforeSending() {
    BsnLookup lookup = new BsnLookup(BOTH, client).withMaxSubjectsPerLookup(2);
    Household big = new Household("H1", people.subList(0, 3));
    assertThatThrownBy(() -> lookup.households(CONTEXT, List.of(big))).hasMessageContaining("3 members");
    Household a = new Household("H1", List.of(people.get(0)));
    assertThatThrownBy(() -> lookup.households(CONTEXT, List.of(a, a))).hasMessageContaining("same ref");
    assertThatThrownBy(() -> lookup.persons(CONTEXT, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThat(service.requests()).isEmpty();
  }

  @Test
  void lookup_answerDoesNotMatchTheRequest_ioExceptionWithoutIdentifiers() {
    Bsn bsn = people.get(0);
    String other = BOTH.pseudonymise(people.get(1));
    service.enqueue(Reply.json("{\"lookupId\":\"x\",\"results\":[{\"subject\":\"" + other + "\",\"known\":false,\"agencies\":[]}],\"households\":[]}"));
    assertThatThrownBy(() -> new BsnLookup(BOTH, client).person(CONTEXT, bsn))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not match")
        .hasMessageNotContaining(bsn.digits())
        .hasMessageNotContaining(other);
    service.enqueue(Reply.json("{\"lookupId\":\"x\",\"results\":[],\"households\":[]}"));
    assertThatThrownBy(() -> new BsnLookup(BOTH, client).person(CONTEXT, bsn)).hasMessageContaining("number of results");
  }

  @Test
  void householdAndContext_refuseABsnAsReference() {
    Bsn bsn = people.get(0);
    assertThatThrownBy(() -> new Household(bsn.digits(), List.of(bsn)))
        .hasMessageContaining("BSN").hasMessageNotContaining(bsn.digits());
    assertThatThrownBy(() -> new LookupContext("screening", bsn.digits(), "j"))
        .hasMessageContaining("BSN").hasMessageNotContaining(bsn.digits());
    assertThatThrownBy(() -> new Household("H1", List.of())).hasMessageContaining("at least one member");
    assertThat(new Household("H1", List.of(bsn)).toString()).doesNotContain(bsn.digits()).doesNotContain("H1");
  }
}
