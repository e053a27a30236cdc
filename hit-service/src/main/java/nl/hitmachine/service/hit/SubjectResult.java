package nl.hitmachine.service.hit;

import java.util.List;

/**
 * The answer about one subject.
 *
 * @param subject the subject as asked
 * @param known whether any agency other than the querier's own has an active registration that
 *     the querier may learn of
 * @param permitted false when the legitimate-relation rule withholds the answer (then known is
 *     false and agencies is empty)
 * @param agencies the agencies disclosed, in register order
 */
public record SubjectResult(SubjectQuery subject, boolean known, boolean permitted, List<DisclosedAgency> agencies) {
  public SubjectResult {
    agencies = List.copyOf(agencies);
  }
}
