package nl.hitmachine.connector;

/**
 * A valid Dutch citizen service number (burgerservicenummer), normalised to nine ASCII digits.
 *
 * <p>{@link #parse} follows the pseudonym contract (brief section 3): remove spaces, dots and
 * dashes; left-pad with zeros to nine digits; reject anything else; require the 11-check
 * {@code 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − d9 ≡ 0 (mod 11)} and not all zeros.
 *
 * <p>A BSN is personal data: {@link #toString()} is redacted and {@link InvalidBsnException}
 * messages never repeat the input. Use {@link #digits()} only where the number itself is needed
 * (pseudonymisation, the partner's own files).
 */
public final class Bsn {
  private final String digits;

  private Bsn(String digits) {
    this.digits = digits;
  }

  /**
   * Parses and validates a BSN.
   *
   * @throws InvalidBsnException with the {@link InvalidBsnException.Reason}; {@code null} counts as
   *     empty
   */
  public static Bsn parse(CharSequence text) {
    char[] out = new char[9];
    int count = 0;
    int length = text == null ? 0 : text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '.' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        throw new InvalidBsnException(InvalidBsnException.Reason.NOT_DIGITS);
      }
      if (count < 9) {
        out[count] = c;
      }
      count++;
    }
    if (count == 0) {
      throw new InvalidBsnException(InvalidBsnException.Reason.EMPTY);
    }
    if (count > 9) {
      throw new InvalidBsnException(InvalidBsnException.Reason.TOO_LONG);
    }
    char[] padded = new char[9];
    int pad = 9 - count;
    for (int i = 0; i < 9; i++) {
      padded[i] = i < pad ? '0' : out[i - pad];
    }
    return ofNineDigits(padded);
  }

  /** Whether {@link #parse} would accept the text. */
  public static boolean isValid(CharSequence text) {
    try {
      parse(text);
      return true;
    } catch (InvalidBsnException e) {
      return false;
    }
  }

  private static Bsn ofNineDigits(char[] d) {
    boolean allZeros = true;
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      int v = d[i] - '0';
      allZeros &= v == 0;
      sum += (9 - i) * v;
    }
    int last = d[8] - '0';
    allZeros &= last == 0;
    if (allZeros) {
      throw new InvalidBsnException(InvalidBsnException.Reason.ALL_ZEROS);
    }
    if ((sum - last) % 11 != 0) {
      throw new InvalidBsnException(InvalidBsnException.Reason.CHECK_DIGIT);
    }
    return new Bsn(new String(d));
  }

  /** The nine digits, zero-padded: the exact text that is pseudonymised. Personal data. */
  public String digits() {
    return digits;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bsn other && digits.equals(other.digits);
  }

  @Override
  public int hashCode() {
    return digits.hashCode();
  }

  /** Redacted: never prints the number. */
  @Override
  public String toString() {
    return "Bsn[***]";
  }
}
