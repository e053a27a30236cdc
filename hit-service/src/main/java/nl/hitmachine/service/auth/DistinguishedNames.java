package nl.hitmachine.service.auth;

import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * X.500 names of client certificates as the configuration writes them (RFC 2253, with {@code
 * organizationIdentifier} for OID 2.5.4.97 and {@code SERIALNUMBER} for OID 2.5.4.5) and as they are compared: RDN by RDN in order, attribute
 * types and values without regard to case or to the ASN.1 string type a CA chose (a
 * PrintableString and a UTF8String with the same text are the same name).
 */
public final class DistinguishedNames {
  /** OID of the organisationIdentifier attribute (ETSI EN 319 412-1, e.g. {@code NTRNL-12345678}). */
  public static final String ORGANIZATION_IDENTIFIER_OID = "2.5.4.97";
  /** OID of the serialNumber attribute, where PKIoverheid certificates carry the OIN. */
  public static final String SERIAL_NUMBER_OID = "2.5.4.5";
  private static final String ORGANIZATION_IDENTIFIER = "organizationIdentifier";
  private static final Map<String, String> OID_NAMES =
      Map.of(ORGANIZATION_IDENTIFIER_OID, ORGANIZATION_IDENTIFIER, SERIAL_NUMBER_OID, "SERIALNUMBER");
  private static final Map<String, String> KEYWORDS =
      Map.of("ORGANIZATIONIDENTIFIER", ORGANIZATION_IDENTIFIER_OID, "SERIALNUMBER", SERIAL_NUMBER_OID);

  private DistinguishedNames() {}

  /** Parses a configured name; throws {@link IllegalArgumentException} when it is not one. */
  public static X500Principal parse(String rfc2253) {
    return new X500Principal(rfc2253, KEYWORDS);
  }

  /**
   * The RFC 2253 text of {@code name} — what {@code clients[].certificateSubject} takes — with
   * {@code organizationIdentifier} and {@code SERIALNUMBER} named rather than hex-encoded.
   */
  public static String text(X500Principal name) {
    return name.getName(X500Principal.RFC2253, OID_NAMES);
  }

  /** The form two names are compared in (equal when the names are the same). */
  public static LdapName comparable(X500Principal name) {
    try {
      return new LdapName(text(name));
    } catch (InvalidNameException e) {
      throw new IllegalArgumentException("not a distinguished name", e);
    }
  }

  /** The value of the organizationIdentifier attribute in {@code name}, or {@code null}. */
  public static String organizationIdentifier(X500Principal name) {
    List<Rdn> rdns = comparable(name).getRdns();
    for (Rdn rdn : rdns) {
      if (ORGANIZATION_IDENTIFIER.equalsIgnoreCase(rdn.getType()) && rdn.getValue() instanceof String value) {
        return value;
      }
    }
    return null;
  }
}
