package nl.hitmachine.connector;

import java.util.List;

/**
 * The answer for one subject of a lookup.
 *
 * @param subject the subject as the service names it (the first pseudonym when aliases were sent)
 * @param known whether any agency has an active registration
 * @param permitted {@code false} when the legitimate-relation rule withheld the answer (then
 *     {@code known} is false and {@code agencies} empty); {@code true} otherwise
 * @param agencies the agencies that know the subject
 */
public record SubjectResult(String subject, boolean known, boolean permitted, List<Agency> agencies) {
  public SubjectResult {
    agencies = List.copyOf(agencies);
  }

  @Override
  public String toString() {
    return "SubjectResult[known=" + known + ", permitted=" + permitted + ", agencies=" + agencies + "]";
  }
}
