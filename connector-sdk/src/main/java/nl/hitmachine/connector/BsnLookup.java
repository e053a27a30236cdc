package nl.hitmachine.connector;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lookups in terms of BSNs: which agencies know these persons or households? Pseudonymises locally
 * under every active kid ({@link Pseudonymiser#aliases}), asks hit-service, and maps the answer back
 * to the caller's own BSNs locally. Only pseudonyms leave this class; the answers carry the
 * {@link Bsn}s the caller gave.
 *
 * <pre>{@code
 * BsnLookup lookup = new BsnLookup(pseudonymiser, client);
 * LookupContext context = new LookupContext("screening", "VH-2026-0001", "j.jansen");
 * PersonAnswer one = lookup.person(context, Bsn.parse("123456782"));
 * BsnLookupResult screening = lookup.households(context, households);
 * }</pre>
 *
 * <p><b>Duplicates.</b> A person given twice in a list is asked about once and answered once; a
 * member given twice in a household likewise ({@link Household}). The same person in two
 * households is asked about in each, since a household's signal depends on all its members.
 *
 * <p><b>Size.</b> The service answers at most {@value #MAX_SUBJECTS_PER_LOOKUP} subjects per
 * lookup. Larger inputs are split into several lookups, each with the same {@link LookupContext};
 * a household is never split. When one of them fails, the lookups before it have been made (and
 * audited) and the exception is thrown; lookups are never retried.
 *
 * <p>Thread-safe if the client and pseudonymiser are (the SDK's are).
 */
public final class BsnLookup {
  /** The service's default maximum number of subjects (persons plus household members) per lookup. */
  public static final int MAX_SUBJECTS_PER_LOOKUP = 1_000;

  private final Pseudonymiser pseudonymiser;
  private final HitmachineClient client;
  private final int maxSubjects;

  /** Lookups of at most {@value #MAX_SUBJECTS_PER_LOOKUP} subjects each. */
  public BsnLookup(Pseudonymiser pseudonymiser, HitmachineClient client) {
    this(pseudonymiser, client, MAX_SUBJECTS_PER_LOOKUP);
  }

  private BsnLookup(Pseudonymiser pseudonymiser, HitmachineClient client, int maxSubjects) {
    this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
    this.client = Objects.requireNonNull(client, "client");
    this.maxSubjects = maxSubjects;
  }

  /**
   * A copy that puts at most {@code max} subjects in one lookup, for a service configured with a
   * lower limit than the default.
   */
  public BsnLookup withMaxSubjectsPerLookup(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max subjects per lookup must be at least 1");
    }
    return new BsnLookup(pseudonymiser, client, max);
  }

  /** Asks about one person. */
  public PersonAnswer person(LookupContext context, Bsn bsn) throws IOException {
    Objects.requireNonNull(bsn, "bsn");
    return lookup(context, List.of(bsn), List.of()).persons().get(0);
  }

  /** Asks about persons; duplicates are asked about and answered once. */
  public BsnLookupResult persons(LookupContext context, List<Bsn> persons) throws IOException {
    return lookup(context, persons, List.of());
  }

  /** Asks about households as a whole. */
  public BsnLookupResult households(LookupContext context, List<Household> households) throws IOException {
    return lookup(context, List.of(), households);
  }

  /**
   * Asks about single persons and households in one go.
   *
   * @throws IllegalArgumentException if nothing is asked, two households have the same ref, or a
   *     household has more members than fit in one lookup (the message names no BSN)
   * @throws HitmachineProblemException if the service refuses a lookup
   * @throws IOException if the service cannot be reached, or its answer does not match the request
   */
  public BsnLookupResult lookup(LookupContext context, List<Bsn> persons, List<Household> households)
      throws IOException {
    Objects.requireNonNull(context, "context");
    List<Bsn> distinct = List.copyOf(new LinkedHashSet<>(persons)); // also refuses null elements
    Set<String> refs = new HashSet<>();
    for (Household h : households) {
      if (!refs.add(h.ref())) {
        throw new IllegalArgumentException("two households have the same ref");
      }
      if (h.members().size() > maxSubjects) {
        throw new IllegalArgumentException(
            "a household has " + h.members().size() + " members; one lookup takes at most " + maxSubjects);
      }
    }
    if (distinct.isEmpty() && households.isEmpty()) {
      throw new IllegalArgumentException("a lookup needs at least one person or household");
    }

    List<String> lookupIds = new ArrayList<>();
    List<PersonAnswer> personAnswers = new ArrayList<>(distinct.size());
    List<HouseholdAnswer> householdAnswers = new ArrayList<>(households.size());
    Batch batch = new Batch(context);
    for (Bsn bsn : distinct) {
      if (batch.size + 1 > maxSubjects) {
        batch.send(lookupIds, personAnswers, householdAnswers);
        batch = new Batch(context);
      }
      batch.addPerson(bsn);
    }
    for (Household h : households) {
      if (batch.size + h.members().size() > maxSubjects) {
        batch.send(lookupIds, personAnswers, householdAnswers);
        batch = new Batch(context);
      }
      batch.addHousehold(h);
    }
    batch.send(lookupIds, personAnswers, householdAnswers);
    return new BsnLookupResult(lookupIds, personAnswers, householdAnswers);
  }

  /** The persons and households of one lookup request, with what was sent for each. */
  private final class Batch {
    private final LookupRequest.Builder request;
    private final List<Bsn> persons = new ArrayList<>();
    private final List<String> personPrimaries = new ArrayList<>();
    private final List<Household> households = new ArrayList<>();
    private final List<List<String>> householdPrimaries = new ArrayList<>();
    private int size;

    Batch(LookupContext context) {
      this.request = context.newRequest();
    }

    void addPerson(Bsn bsn) {
      List<String> aliases = pseudonymiser.aliases(bsn);
      request.subject(aliases);
      persons.add(bsn);
      personPrimaries.add(aliases.get(0));
      size++;
    }

    void addHousehold(Household h) {
      List<List<String>> members = new ArrayList<>(h.members().size());
      List<String> primaries = new ArrayList<>(h.members().size());
      for (Bsn m : h.members()) {
        List<String> aliases = pseudonymiser.aliases(m);
        members.add(aliases);
        primaries.add(aliases.get(0));
      }
      request.household(h.ref(), members);
      households.add(h);
      householdPrimaries.add(primaries);
      size += members.size();
    }

    void send(List<String> lookupIds, List<PersonAnswer> personAnswers, List<HouseholdAnswer> householdAnswers)
        throws IOException {
      if (size == 0) {
        return;
      }
      LookupResult answer = client.lookup(request.build());
      if (answer.results().size() != persons.size() || answer.households().size() != households.size()) {
        throw mismatch("the number of results");
      }
      for (int i = 0; i < persons.size(); i++) {
        personAnswers.add(map(persons.get(i), personPrimaries.get(i), answer.results().get(i)));
      }
      for (int i = 0; i < households.size(); i++) {
        Household sent = households.get(i);
        HouseholdResult got = answer.households().get(i);
        if (!sent.ref().equals(got.ref()) || got.results().size() != sent.members().size()) {
          throw mismatch("a household");
        }
        List<PersonAnswer> members = new ArrayList<>(sent.members().size());
        for (int j = 0; j < sent.members().size(); j++) {
          members.add(map(sent.members().get(j), householdPrimaries.get(i).get(j), got.results().get(j)));
        }
        householdAnswers.add(new HouseholdAnswer(sent.ref(), members, got.agencies(), got.domains(), got.signal()));
      }
      if (answer.lookupId() != null) {
        lookupIds.add(answer.lookupId());
      }
    }

    private PersonAnswer map(Bsn bsn, String primary, SubjectResult result) throws IOException {
      if (result.subject() != null && !result.subject().equals(primary)) {
        throw mismatch("a subject");
      }
      return new PersonAnswer(bsn, result.known(), result.permitted(), result.agencies());
    }

    private static IOException mismatch(String what) {
      return new IOException("hit-service's answer does not match the lookup sent: " + what + " differs");
    }
  }
}
