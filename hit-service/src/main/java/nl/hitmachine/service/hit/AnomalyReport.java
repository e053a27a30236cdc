package nl.hitmachine.service.hit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The anomaly report of one period [{@code from}, {@code to}): what the audit log shows that a
 * privacy officer should look at. Every finding names the client and its agency ({@code null} for
 * calls that failed authentication). Subjects appear only in their audit form ({@code a1.…}), as in
 * audit exports.
 *
 * @param from the period's start, inclusive
 * @param to the period's end, exclusive
 * @param baselineFrom the start of the baseline days before {@code from} (usual volume)
 * @param baselineDaysCounted how many baseline days the log existed for (fewer than configured for a
 *     young log: days before its first entry are not counted as zero)
 * @param rules the rules the report was made with
 * @param treeSize the number of audit entries the report covers (entries 0 … treeSize − 1)
 * @param totals what the period held
 * @param volume clients far above their usual volume
 * @param outsideOfficeHours clients that looked up outside office hours
 * @param repeatedWithoutCaseRef clients that looked up the same subject repeatedly without a case
 *     reference
 * @param refusals clients with refused or invalid calls, by problem type
 */
public record AnomalyReport(
    Instant from,
    Instant to,
    Instant baselineFrom,
    int baselineDaysCounted,
    AnomalyRules rules,
    long treeSize,
    Totals totals,
    List<VolumeFinding> volume,
    List<OutsideOfficeHoursFinding> outsideOfficeHours,
    List<RepeatFinding> repeatedWithoutCaseRef,
    List<RefusalFinding> refusals) {

  public AnomalyReport {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(rules, "rules");
    volume = List.copyOf(volume);
    outsideOfficeHours = List.copyOf(outsideOfficeHours);
    repeatedWithoutCaseRef = List.copyOf(repeatedWithoutCaseRef);
    refusals = List.copyOf(refusals);
  }

  /**
   * What the period held.
   *
   * @param entriesScanned audit entries read to make the report (from sequence 0)
   * @param entriesInPeriod entries with a time in the period
   * @param lookups lookup entries in the period
   * @param subjects subjects in the period's lookups
   * @param clients distinct clients with an entry in the period
   */
  public record Totals(long entriesScanned, long entriesInPeriod, long lookups, long subjects, long clients) {}

  /**
   * A client that looked up more than {@code volumeFactor} × its usual volume, and at least
   * {@code minimumVolume} subjects.
   *
   * @param subjects subjects looked up in the period
   * @param usualSubjects the median of the client's daily subject counts over the baseline days,
   *     scaled to the period's length; 0 for a client without history
   * @param ratio {@code subjects / usualSubjects}, or {@code null} without history
   */
  public record VolumeFinding(String clientId, String agency, long subjects, double usualSubjects, Double ratio) {}

  /**
   * A client's lookups outside office hours.
   *
   * @param lookups lookup calls outside office hours (any outcome)
   * @param subjects subjects in those calls
   * @param first the earliest such call
   * @param last the latest such call
   */
  public record OutsideOfficeHoursFinding(
      String clientId, String agency, long lookups, long subjects, Instant first, Instant last) {}

  /**
   * A client that looked up subjects at least {@code repeatThreshold} times without a case reference.
   *
   * @param repeatedSubjects how many distinct subjects (audit pseudonyms) reached the threshold
   * @param maxRepeats the largest number of lookups of one of them
   * @param subjects the repeated subjects, most repeated first, at most {@link #LISTED} of them
   */
  public record RepeatFinding(
      String clientId, String agency, long repeatedSubjects, long maxRepeats, List<RepeatedSubject> subjects) {
    /** At most this many subjects are listed per client. */
    public static final int LISTED = 100;

    public RepeatFinding {
      subjects = List.copyOf(subjects);
    }
  }

  /** One subject, in its audit form, and how often the client looked it up without a case reference. */
  public record RepeatedSubject(String auditPseudonym, long lookups) {}

  /**
   * A client's refused and invalid calls of any kind (lookups, registrations, audit reads).
   *
   * @param refused calls with outcome {@code refused}
   * @param invalid calls with outcome {@code invalid}
   * @param unauthenticated refusals with HTTP status 401
   * @param forbidden refusals with HTTP status 403 (role or purpose not allowed)
   * @param byProblemType refused and invalid calls per problem type slug, in slug order
   */
  public record RefusalFinding(
      String clientId, String agency, long refused, long invalid, long unauthenticated, long forbidden,
      Map<String, Long> byProblemType) {}
}
