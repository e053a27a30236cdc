package nl.hitmachine.service.api.http;

/**
 * Field names from a request that the API may show back (in a problem's pointer or detail, e.g.
 * "unknown field 'agency'"). A field name is input: a connector that keys a map by BSN or
 * pseudonym would send one as a name. Only plain names — up to 32 ASCII letters, digits and
 * underscores, starting with a letter or underscore, at most 3 digits — are shown; any other name
 * is replaced by {@link #WITHHELD}.
 */
final class FieldNames {
  /** Stands for a field name that is not shown. */
  static final String WITHHELD = "(name not shown)";
  private static final int MAX_LENGTH = 32;
  private static final int MAX_DIGITS = 3;

  private FieldNames() {}

  /** True when {@code name} is plain enough to show back to the caller and to log. */
  static boolean showable(String name) {
    if (name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    int digits = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (digit && i > 0) {
        digits++;
      } else if (!letter) {
        return false;
      }
    }
    return digits <= MAX_DIGITS;
  }

  /** {@code name} when it is {@linkplain #showable showable}, else {@link #WITHHELD}. */
  static String shown(String name) {
    return showable(name) ? name : WITHHELD;
  }
}
