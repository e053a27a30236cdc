package nl.hitmachine.connector;

/**
 * An agency in a lookup answer.
 *
 * @param code the agency's code in the register (for a protected source the querier lacks the
 *     clearance for, the code the service uses for "a protected service")
 * @param name its display name, or {@code null}
 * @param domain its domain (leefgebied): onderwijs, financien, zorg, gezin, wonen, werk, justitie,
 *     veiligheid; or {@code null}
 */
public record Agency(String code, String name, String domain) {}
