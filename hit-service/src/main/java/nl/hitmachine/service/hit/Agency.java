package nl.hitmachine.service.hit;

import java.util.Objects;

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
 */
public record Agency(
    String code,
    String name,
    String domain,
    boolean protectedSource,
    boolean protectedClearance,
    boolean requireRelation,
    int defaultRetentionMonths,
    int maxRetentionMonths) {
  public Agency {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(domain, "domain");
  }
}
