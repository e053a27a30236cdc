package nl.hitmachine.service.hit;

import java.util.List;

/**
 * A lookup as received: the stated purpose, case reference and requesting human, the single
 * subjects and the households. Values are unchecked until the lookup validates them.
 */
public record LookupRequest(
    Object purpose, Object caseRef, Object requestedBy, List<SubjectQuery> subjects, List<HouseholdQuery> households) {
  public LookupRequest {
    subjects = List.copyOf(subjects);
    households = List.copyOf(households);
  }
}
