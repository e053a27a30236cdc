package nl.hitmachine.service.config;

import java.util.List;

/**
 * One agency of the register.
 *
 * @param code stable code, {@code [a-z0-9-]{1,32}}
 * @param name display name
 * @param domain the leefgebied it works in (see {@link Domains})
 * @param protectedSource registrations are health or criminal-offence data (AVG art. 9/10):
 *     queriers without clearance see "known to a protected service" instead of the name
 * @param protectedClearance queriers of this agency see protected sources by name
 * @param requireRelation queriers of this agency get an answer about a subject only when this
 *     agency itself has an active registration of it (legitimate relation)
 * @param retention per-agency retention, overriding the global one
 * @param mayQuery whether this agency's clients may look up at all (two-way querying is each
 *     agency's own choice); default true — a client still needs the querier role
 * @param visibleDomains the domains (leefgebieden) whose registrations this agency's queriers may
 *     see; registrations of agencies in other domains are not disclosed to them, as if absent.
 *     Default: all domains
 */
public record AgencyConfig(
    String code,
    String name,
    String domain,
    Boolean protectedSource,
    Boolean protectedClearance,
    Boolean requireRelation,
    RetentionConfig retention,
    Boolean mayQuery,
    List<String> visibleDomains) {
  public AgencyConfig {
    protectedSource = protectedSource != null && protectedSource;
    protectedClearance = protectedClearance != null && protectedClearance;
    requireRelation = requireRelation != null && requireRelation;
    mayQuery = mayQuery == null || mayQuery;
    visibleDomains = visibleDomains == null ? Domains.ALL : List.copyOf(visibleDomains);
  }

  /** An agency that may query and sees every domain. */
  public AgencyConfig(
      String code,
      String name,
      String domain,
      Boolean protectedSource,
      Boolean protectedClearance,
      Boolean requireRelation,
      RetentionConfig retention) {
    this(code, name, domain, protectedSource, protectedClearance, requireRelation, retention, null, null);
  }
}
