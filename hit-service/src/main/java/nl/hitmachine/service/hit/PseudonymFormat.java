package nl.hitmachine.service.hit;

import java.util.Set;

/**
 * Checks the wire form of a pseudonym (brief §3): {@code kid "." base64url_nopad(32 bytes)}, kid
 * {@code [a-z0-9]{1,16}}, 43 characters after the dot, the last one encoding zero padding bits.
 * Error texts name the rule, never the value.
 */
public final class PseudonymFormat {
  private static final int MAC_CHARS = 43;
  private static final String LAST_CHARS = "AEIMQUYcgkosw048"; // base64url chars with 2 low bits zero

  private final Set<String> acceptedKids;

  /** @param acceptedKids kids accepted; empty accepts any well-formed kid */
  public PseudonymFormat(Set<String> acceptedKids) {
    this.acceptedKids = Set.copyOf(acceptedKids);
  }

  /** Null when {@code value} is an acceptable pseudonym, else what is wrong with it. */
  public String problem(Object value) {
    if (!(value instanceof String p)) {
      return value == null ? "is missing" : "must be a string";
    }
    int dot = p.indexOf('.');
    if (dot < 1 || dot > 16) {
      return "is not a pseudonym (expected kid.mac with a kid of 1-16 characters)";
    }
    for (int i = 0; i < dot; i++) {
      char c = p.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return "is not a pseudonym (kid must match [a-z0-9]{1,16})";
      }
    }
    if (p.length() - dot - 1 != MAC_CHARS) {
      return "is not a pseudonym (expected 43 base64url characters after the kid)";
    }
    for (int i = dot + 1; i < p.length(); i++) {
      char c = p.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      if (!ok) {
        return "is not a pseudonym (mac must be base64url without padding)";
      }
    }
    if (LAST_CHARS.indexOf(p.charAt(p.length() - 1)) < 0) {
      return "is not a pseudonym (mac does not encode 32 bytes)";
    }
    if (!acceptedKids.isEmpty() && !acceptedKids.contains(p.substring(0, dot))) {
      return "uses a key id (kid) that this service does not accept";
    }
    return null;
  }
}
