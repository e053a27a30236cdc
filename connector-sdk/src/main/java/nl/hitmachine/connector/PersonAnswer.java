package nl.hitmachine.connector;

import java.util.List;
import java.util.Objects;

/**
 * The answer about one person of a {@link BsnLookup}, mapped back to the caller's own BSN locally.
 * {@link #toString()} is redacted like {@link Bsn#toString()}.
 *
 * @param bsn the person, as the caller gave it
 * @param known whether any agency has an active registration of the person
 * @param permitted {@code false} when the legitimate-relation rule withheld the answer (then
 *     {@code known} is false and {@code agencies} empty): no answer, rather than "not known"
 * @param agencies the agencies that know the person (possibly "a protected service")
 */
public record PersonAnswer(Bsn bsn, boolean known, boolean permitted, List<Agency> agencies) {
  public PersonAnswer {
    Objects.requireNonNull(bsn, "bsn");
    agencies = List.copyOf(agencies);
  }
}
