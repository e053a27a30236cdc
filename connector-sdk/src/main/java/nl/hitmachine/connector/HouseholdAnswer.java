package nl.hitmachine.connector;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer about one {@link Household} of a {@link BsnLookup}, mapped back to the caller's own
 * BSNs locally. {@link #toString()} shows no BSN.
 *
 * @param ref the household reference as given
 * @param members one answer per member, in the order of {@link Household#members()}
 * @param agencies the distinct agencies that know any member
 * @param domains the distinct domains (leefgebieden) of those agencies
 * @param signal whether the members together are known in at least the service's configured
 *     number of domains
 */
public record HouseholdAnswer(
    String ref, List<PersonAnswer> members, List<Agency> agencies, List<String> domains, boolean signal) {
  public HouseholdAnswer {
    Objects.requireNonNull(ref, "ref");
    members = List.copyOf(members);
    agencies = List.copyOf(agencies);
    domains = List.copyOf(domains);
  }

  /** The answer about {@code bsn} if it is a member. */
  public Optional<PersonAnswer> member(Bsn bsn) {
    return members.stream().filter(m -> m.bsn().equals(bsn)).findFirst();
  }
}
