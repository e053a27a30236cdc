package nl.hitmachine.connector;

import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link BsnLookup}, in terms of the caller's own BSNs.
 *
 * @param lookupIds the service's ids (audit entries) of the lookups made, in order: one, or more
 *     when the input was split to stay within {@link BsnLookup#MAX_SUBJECTS_PER_LOOKUP}
 * @param persons one answer per distinct person asked about, in the order of first occurrence
 * @param households one answer per household, in the order given
 */
public record BsnLookupResult(List<String> lookupIds, List<PersonAnswer> persons, List<HouseholdAnswer> households) {
  public BsnLookupResult {
    lookupIds = List.copyOf(lookupIds);
    persons = List.copyOf(persons);
    households = List.copyOf(households);
  }

  /** The answer about the single person {@code bsn}, if it was asked about. */
  public Optional<PersonAnswer> person(Bsn bsn) {
    return persons.stream().filter(p -> p.bsn().equals(bsn)).findFirst();
  }

  /** The answer about the household {@code ref}, if it was asked about. */
  public Optional<HouseholdAnswer> household(String ref) {
    return households.stream().filter(h -> h.ref().equals(ref)).findFirst();
  }
}
