package nl.hitmachine.service.index;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One subject to register (or keep registered) for an agency.
 *
 * @param subject the re-keyed subject
 * @param validUntil last day (inclusive) the registration is answered; already resolved against
 *     the agency's default and maximum retention by the caller
 * @param ref the connector's opaque handle (at most 64 characters), or {@code null}
 */
public record RegistrationWrite(SubjectKey subject, LocalDate validUntil, String ref) {
  public static final int MAX_REF_LENGTH = 64;

  public RegistrationWrite {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(validUntil, "validUntil");
    if (ref != null && ref.length() > MAX_REF_LENGTH) {
      throw new IllegalArgumentException("ref must be at most " + MAX_REF_LENGTH + " characters");
    }
  }
}
