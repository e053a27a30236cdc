package nl.hitmachine.service.index;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One agency's active registration of a subject, as read from the index.
 *
 * @param agency the registering agency's code
 * @param validUntil last day (inclusive) on which the registration is answered
 * @param ref the connector's opaque handle, or {@code null}; only ever shown to the same agency
 */
public record Registration(String agency, LocalDate validUntil, String ref) {
  public Registration {
    Objects.requireNonNull(agency, "agency");
    Objects.requireNonNull(validUntil, "validUntil");
  }
}
