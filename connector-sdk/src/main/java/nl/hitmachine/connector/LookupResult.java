package nl.hitmachine.connector;

import java.util.List;
import java.util.Map;

/**
 * The answer to a {@link LookupRequest}.
 *
 * @param lookupId the service's id of this lookup (its audit entry)
 * @param receipt the audit receipt as sent by the service: JSON objects as maps, arrays as lists,
 *     numbers as {@link Long} or {@link Double}; immutable
 * @param results one per subject, in the order sent
 * @param households one per household, in the order sent
 */
public record LookupResult(
    String lookupId, Map<String, Object> receipt, List<SubjectResult> results, List<HouseholdResult> households) {
  public LookupResult {
    receipt = receipt == null ? Map.of() : receipt;
    results = List.copyOf(results);
    households = List.copyOf(households);
  }
}
