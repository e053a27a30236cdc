package nl.hitmachine.service.hit;

import java.util.Objects;
import java.util.Set;

/**
 * An agency of the register, with its policy.
 *
 * @param code stable code
 * @param name display name
 * @param domain its leefgebied
 * @param protectedSource its registrations are shown as "known to a protected service" to
 *     queriers without clearance
 * @param protectedClearance its queriers see protected sources by name
 * @param requireRelation its queriers get answers only about subjects it has registered itself
 * @param defaultRetentionMonths validUntil when a registration gives none
 * @param maxRetentionMonths the furthest validUntil it may ask for
 * @param mayQuery its clients may look up at all (with the querier role)
 * @param visibleDomains the domains whose registrations its queriers may see
 */
public record Agency(
    String code,
    String name,
    String domain,
    boolean protectedSource,
    boolean protectedClearance,
    boolean requireRelation,
    int defaultRetentionMonths,
    int maxRetentionMonths,
    boolean mayQuery,
    Set<String> visibleDomains) {
  public Agency {
    visibleDomains = Set.copyOf(visibleDomains);
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
  }
}
