package nl.hitmachine.portal.screening;

/**
 * A BSN as the portal shows it: never in full. The digits typed are reduced to their last three
 * behind bullets ({@code ••••••782}), the same form {@code hitconnect lookup} prints; input with
 * fewer than seven digits shows no digit at all, so a short fragment is never echoed whole.
 */
public final class MaskedBsn {
  private static final String BULLETS = "••••••";

  private MaskedBsn() {}

  public static String of(CharSequence typed) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    if (digits.length() < 7) {
      return BULLETS + "•••";
    }
    return BULLETS + digits.substring(digits.length() - 3);
  }
}
