package nl.hitmachine.connector;

import java.util.Objects;

/**
 * Why a lookup is made and for whom; the service audits every lookup with these three values.
 *
 * <p>Validated like {@link LookupRequest#builder}: {@code purpose} 1 to 64 characters,
 * {@code caseRef} 1 to 64 characters and never a BSN, {@code requestedBy} 1 to 128 characters; none
 * blank or with control characters. Error messages never repeat the values.
 *
 * @param purpose one of the purpose codes configured for the querier, e.g. {@code screening}
 * @param caseRef the querier's own case reference (never a BSN)
 * @param requestedBy the person on whose behalf the lookup is made
 */
public record LookupContext(String purpose, String caseRef, String requestedBy) {
  public LookupContext {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(caseRef, "caseRef");
    Objects.requireNonNull(requestedBy, "requestedBy");
    LookupRequest.builder(purpose, caseRef, requestedBy); // validates, throws IllegalArgumentException
  }

  /** A new request builder carrying these three values. */
  LookupRequest.Builder newRequest() {
    return LookupRequest.builder(purpose, caseRef, requestedBy);
  }
}
