package nl.hitmachine.service.hit;

import java.util.List;

/**
 * The answer about a household: per member, the union of agencies, their distinct domains, and
 * whether that reaches the configured signal threshold.
 */
public record HouseholdResult(
    Object ref, List<SubjectResult> results, List<DisclosedAgency> agencies, List<String> domains, boolean signal) {
  public HouseholdResult {
    results = List.copyOf(results);
    agencies = List.copyOf(agencies);
    domains = List.copyOf(domains);
  }
}
