package nl.hitmachine.service.config;

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
 */
public record AgencyConfig(
    String code,
    String name,
    String domain,
    Boolean protectedSource,
    Boolean protectedClearance,
    Boolean requireRelation,
    RetentionConfig retention) {
  public AgencyConfig {
    protectedSource = protectedSource != null && protectedSource;
    protectedClearance = protectedClearance != null && protectedClearance;
    requireRelation = requireRelation != null && requireRelation;
  }
}
