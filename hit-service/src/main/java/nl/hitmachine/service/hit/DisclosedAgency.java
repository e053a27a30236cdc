package nl.hitmachine.service.hit;

/**
 * An agency as shown to a querier. A protected source the querier has no clearance for is shown
 * as {@link #PROTECTED}: known to a protected service, without its name or domain.
 *
 * @param code agency code, or "protected"
 * @param name display name
 * @param domain leefgebied, or {@code null} for a protected source shown without name
 * @param ref the connector's ref, only when the querier's own agency registered it (else null)
 */
public record DisclosedAgency(String code, String name, String domain, String ref) {
  public static final DisclosedAgency PROTECTED =
      new DisclosedAgency("protected", "Bekend bij een beschermde dienst", null, null);
}
