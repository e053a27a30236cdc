package nl.hitmachine.service.config;

/**
 * Abuse limits on lookups, per client, counted in subjects (household members included), so a
 * household of six costs six. Over a limit a lookup gets 429 with {@code Retry-After}, is audited
 * as refused, and costs nothing. Every field may be left out: a client's own value, then {@code
 * limits.lookups}, then the default.
 *
 * @param subjectsPerSecond sustained rate (token bucket refill); default 2 000
 * @param burstSubjects bucket size: subjects that may be asked at once after a quiet spell; must be
 *     at least {@code limits.maxSubjectsPerLookup}; default 10 000
 * @param subjectsPerDay daily quota, reset at midnight in {@code limits.quotaZone}; default 200 000
 */
public record LookupLimitsConfig(Integer subjectsPerSecond, Integer burstSubjects, Integer subjectsPerDay) {
  /** The built-in defaults. */
  public static final LookupLimitsConfig DEFAULTS = new LookupLimitsConfig(2_000, 10_000, 200_000);

  /** This client's values where given, {@code fallback}'s elsewhere. */
  public LookupLimitsConfig orElse(LookupLimitsConfig fallback) {
    return new LookupLimitsConfig(
        subjectsPerSecond != null ? subjectsPerSecond : fallback.subjectsPerSecond(),
        burstSubjects != null ? burstSubjects : fallback.burstSubjects(),
        subjectsPerDay != null ? subjectsPerDay : fallback.subjectsPerDay());
  }
}
