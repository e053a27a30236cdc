package nl.hitmachine.service.config;

/**
 * Request limits. A request over a limit gets 413 and changes nothing.
 *
 * @param maxJsonBodyBytes largest JSON request body (default 8 MiB)
 * @param maxRegistrationsPerRequest items in one POST /v1/registrations (default 10 000)
 * @param maxRemovalsPerRequest subjects in one POST /v1/registrations/remove (default 10 000)
 * @param maxReplaceLines lines in one full-caseload replace (default 5 000 000)
 * @param maxReplaceBodyBytes bytes in one full-caseload replace body (default 1 GiB)
 * @param maxSubjectsPerLookup subjects in one lookup, household members included (default 1 000)
 * @param maxAliasesPerSubject pseudonyms given for one subject (default 4)
 */
public record LimitsConfig(
    Long maxJsonBodyBytes,
    Integer maxRegistrationsPerRequest,
    Integer maxRemovalsPerRequest,
    Integer maxReplaceLines,
    Long maxReplaceBodyBytes,
    Integer maxSubjectsPerLookup,
    Integer maxAliasesPerSubject) {
  public LimitsConfig {
    maxJsonBodyBytes = maxJsonBodyBytes == null ? 8L * 1024 * 1024 : maxJsonBodyBytes;
    maxRegistrationsPerRequest = maxRegistrationsPerRequest == null ? 10_000 : maxRegistrationsPerRequest;
    maxRemovalsPerRequest = maxRemovalsPerRequest == null ? 10_000 : maxRemovalsPerRequest;
    maxReplaceLines = maxReplaceLines == null ? 5_000_000 : maxReplaceLines;
    maxReplaceBodyBytes = maxReplaceBodyBytes == null ? 1024L * 1024 * 1024 : maxReplaceBodyBytes;
    maxSubjectsPerLookup = maxSubjectsPerLookup == null ? 1_000 : maxSubjectsPerLookup;
    maxAliasesPerSubject = maxAliasesPerSubject == null ? 4 : maxAliasesPerSubject;
  }
}
