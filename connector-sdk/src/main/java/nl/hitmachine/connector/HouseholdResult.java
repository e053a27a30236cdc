package nl.hitmachine.connector;

import java.util.List;

/**
 * The answer for one household of a lookup.
 *
 * @param ref the household reference as sent
 * @param results one result per member, in the order sent
 * @param agencies the distinct agencies that know any member
 * @param domains the distinct domains (leefgebieden) of those agencies
 * @param signal whether the members together are known in at least the configured number of
 *     domains
 */
public record HouseholdResult(
    String ref, List<SubjectResult> results, List<Agency> agencies, List<String> domains, boolean signal) {
  public HouseholdResult {
    results = List.copyOf(results);
    agencies = List.copyOf(agencies);
    domains = List.copyOf(domains);
  }
}
