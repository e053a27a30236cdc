package nl.hitmachine.service.config;

/**
 * Request limits. A request over a size limit gets 413 and changes nothing; a lookup over its
 * client's rate limit or daily quota gets 429.
 *
 * @param maxJsonBodyBytes largest JSON request body (default 8 MiB)
 * @param maxRegistrationsPerRequest items in one POST /v1/registrations (default 10 000)
 * @param maxRemovalsPerRequest subjects in one POST /v1/registrations/remove (default 10 000)
 * @param maxReplaceLines lines in one full-caseload replace (default 5 000 000)
 * @param maxReplaceBodyBytes bytes in one full-caseload replace body (default 1 GiB)
 * @param maxSubjectsPerLookup subjects in one lookup, household members included (default 1 000)
 * @param maxAliasesPerSubject pseudonyms given for one subject (default 4)
 * @param lookups default per-client lookup rate limit and daily quota ({@link LookupLimitsConfig});
 *     a client may override each value
 * @param quotaZone the time zone whose midnight resets the daily quotas (default Europe/Amsterdam)
 * @param bodySeconds the most time a JSON request body may take to arrive (default 30); slower
 *     requests get 408 and change nothing
 * @param replaceSeconds the most time a full-caseload replace upload may take (default 3 600)
 */
public record LimitsConfig(
    Long maxJsonBodyBytes,
    Integer maxRegistrationsPerRequest,
    Integer maxRemovalsPerRequest,
    Integer maxReplaceLines,
    Long maxReplaceBodyBytes,
    Integer maxSubjectsPerLookup,
    Integer maxAliasesPerSubject,
    LookupLimitsConfig lookups,
    String quotaZone,
    Integer bodySeconds,
    Integer replaceSeconds) {
  public LimitsConfig {
    maxJsonBodyBytes = maxJsonBodyBytes == null ? 8L * 1024 * 1024 : maxJsonBodyBytes;
    maxRegistrationsPerRequest = maxRegistrationsPerRequest == null ? 10_000 : maxRegistrationsPerRequest;
    maxRemovalsPerRequest = maxRemovalsPerRequest == null ? 10_000 : maxRemovalsPerRequest;
    maxReplaceLines = maxReplaceLines == null ? 5_000_000 : maxReplaceLines;
    maxReplaceBodyBytes = maxReplaceBodyBytes == null ? 1024L * 1024 * 1024 : maxReplaceBodyBytes;
    maxSubjectsPerLookup = maxSubjectsPerLookup == null ? 1_000 : maxSubjectsPerLookup;
    maxAliasesPerSubject = maxAliasesPerSubject == null ? 4 : maxAliasesPerSubject;
    lookups = lookups == null ? LookupLimitsConfig.DEFAULTS : lookups.orElse(LookupLimitsConfig.DEFAULTS);
    quotaZone = quotaZone == null ? "Europe/Amsterdam" : quotaZone;
    bodySeconds = bodySeconds == null ? 30 : bodySeconds;
    replaceSeconds = replaceSeconds == null ? 3_600 : replaceSeconds;
  }

  /** The size limits only; lookup rate limits and quotas at their defaults. */
  public LimitsConfig(
      Long maxJsonBodyBytes,
      Integer maxRegistrationsPerRequest,
      Integer maxRemovalsPerRequest,
      Integer maxReplaceLines,
      Long maxReplaceBodyBytes,
      Integer maxSubjectsPerLookup,
      Integer maxAliasesPerSubject) {
    this(maxJsonBodyBytes, maxRegistrationsPerRequest, maxRemovalsPerRequest, maxReplaceLines, maxReplaceBodyBytes,
        maxSubjectsPerLookup, maxAliasesPerSubject, null, null, null, null);
  }
}
