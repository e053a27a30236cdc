package nl.hitmachine.service.hit;

/**
 * One registration as received, before validation: {@code subject} a pseudonym, {@code
 * validUntil} an optional ISO date, {@code ref} an optional connector handle. {@code unknownField}
 * names a field the item carried that the API does not know, or is null.
 */
public record RegistrationItem(Object subject, Object validUntil, Object ref, String unknownField) {}
