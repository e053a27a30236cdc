package nl.hitmachine.connector;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of an agency's caseload as sent to hit-service.
 *
 * <p>Validated so that no raw identifier can be sent by mistake: {@code subject} must have the
 * form of a pseudonym, and {@code ref} must not be a BSN.
 *
 * @param subject the subject's pseudonym (see {@link Pseudonymiser})
 * @param validUntil last day the registration is answered, or {@code null} for the service default
 *     (12 months)
 * @param ref the connector's own opaque handle (1 to 64 printable characters, never a BSN), or
 *     {@code null}; only ever returned to the same agency
 */
public record Registration(String subject, LocalDate validUntil, String ref) {
  /** Maximum length of {@link #ref}. */
  public static final int MAX_REF_LENGTH = 64;

  public Registration {
    Objects.requireNonNull(subject, "subject");
    if (!Pseudonymiser.isPseudonym(subject)) {
      throw new IllegalArgumentException(
          "subject must be a pseudonym (kid, '.', 43 base64url characters), not a raw identifier");
    }
    if (ref != null) {
      checkRef(ref, "ref");
    }
  }

  /** A registration of {@code subject} with the service's default validity and no ref. */
  public static Registration of(String subject) {
    return new Registration(subject, null, null);
  }

  static void checkRef(String ref, String field) {
    if (ref.isEmpty() || ref.length() > MAX_REF_LENGTH) {
      throw new IllegalArgumentException(field + " must be 1 to " + MAX_REF_LENGTH + " characters");
    }
    for (int i = 0; i < ref.length(); i++) {
      if (Character.isISOControl(ref.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters");
      }
    }
    if (Bsn.isValid(ref)) {
      throw new IllegalArgumentException(field + " must not be a BSN; use an own case number");
    }
  }

  @Override
  public String toString() {
    // Pseudonyms stay out of log lines too (brief section 2).
    return "Registration[subject=" + subject.substring(0, subject.indexOf('.')) + ".***, validUntil="
        + validUntil + ", ref=" + (ref == null ? null : "***") + "]";
  }
}
