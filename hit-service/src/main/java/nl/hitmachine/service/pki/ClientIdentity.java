package nl.hitmachine.service.pki;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who a client certificate names: the hit-service client id (subject CN), the agency code (subject
 * O) and, optionally, the organisation identifier (subject organizationIdentifier, OID 2.5.4.97) in
 * the eIDAS form {@code NTRNL-} followed by the 20-digit OIN; the OIN also goes into the subject
 * serialNumber, where PKIoverheid certificates carry it.
 *
 * @param clientId the client id as in the hit-service configuration ({@code [a-z0-9-]{1,32}})
 * @param agency the agency code as in the hit-service configuration ({@code [a-z0-9-]{1,32}})
 * @param organisationIdentifier {@code NTRNL-<20 digits>}, or empty
 */
public record ClientIdentity(String clientId, String agency, Optional<String> organisationIdentifier) {
  /** Client ids and agency codes, as hit-service's configuration accepts them. */
  static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,32}");

  private static final Pattern ORGANISATION_IDENTIFIER = Pattern.compile("NTRNL-[0-9]{20}");

  /** The 20-digit OIN inside the organisation identifier, if one was given. */
  public Optional<String> oin() {
    return organisationIdentifier.map(oi -> oi.substring("NTRNL-".length()));
  }

  public ClientIdentity {
    if (clientId == null || !CODE.matcher(clientId).matches()) {
      throw PkiException.invalid("--client-id '" + clientId
          + "' is not a client id: use 1 to 32 lower-case letters, digits and '-' (as in the hit-service configuration)");
    }
    if (agency == null || !CODE.matcher(agency).matches()) {
      throw PkiException.invalid("--agency '" + agency
          + "' is not an agency code: use 1 to 32 lower-case letters, digits and '-' (as in the hit-service configuration)");
    }
    if (organisationIdentifier == null) {
      organisationIdentifier = Optional.empty();
    }
    organisationIdentifier.ifPresent(oi -> {
      if (!ORGANISATION_IDENTIFIER.matcher(oi).matches()) {
        throw PkiException.invalid("--organisation-identifier '" + oi
            + "' must be NTRNL- followed by the 20-digit OIN, e.g. NTRNL-00000001234567890000");
      }
    });
  }
}
