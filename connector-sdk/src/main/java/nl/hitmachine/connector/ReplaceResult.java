package nl.hitmachine.connector;

/**
 * The effect of a full caseload replace.
 *
 * @param added subjects registered now that were not registered before
 * @param removed registrations that are gone because they were not in the new caseload
 * @param kept subjects that were and still are registered (their validity and ref updated)
 */
public record ReplaceResult(long added, long removed, long kept) {}
