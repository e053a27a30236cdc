/**
 * The Hitmachine connector SDK: everything a partner's connector needs, as a few public nouns.
 *
 * <ul>
 *   <li>{@link nl.hitmachine.connector.Bsn}: parse and validate a BSN (redacted {@code toString}).
 *   <li>{@link nl.hitmachine.connector.PseudonymKey}, {@link nl.hitmachine.connector.PseudonymKeyRing},
 *       {@link nl.hitmachine.connector.SecretBytes}: federation keys, key files, rotation.
 *   <li>{@link nl.hitmachine.connector.Pseudonymiser}: BSN to pseudonym (the interop contract,
 *       known-answer vectors in {@code testdata/pseudonyms}).
 *   <li>{@link nl.hitmachine.connector.HitmachineClient}: the hit-service v1 API (registrations,
 *       caseload replace, lookups) with {@link nl.hitmachine.connector.Registration}, {@link
 *       nl.hitmachine.connector.LookupRequest}, {@link nl.hitmachine.connector.LookupResult} and
 *       {@link nl.hitmachine.connector.HitmachineProblemException}.
 * </ul>
 *
 * <p>Nothing in {@code nl.hitmachine.connector.internal} is API; it may change in any release.
 */
package nl.hitmachine.connector;
