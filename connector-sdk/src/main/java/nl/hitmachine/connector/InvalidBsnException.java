package nl.hitmachine.connector;

/**
 * A text is not a valid BSN. The message states why but never contains the text itself, so the
 * exception is safe to log.
 */
public final class InvalidBsnException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a text is not a valid BSN. */
  public enum Reason {
    /** Nothing left after removing spaces, dots and dashes. */
    EMPTY("invalid BSN: empty after removing spaces, dots and dashes"),
    /** A character other than a digit (0-9), space, dot or dash. */
    NOT_DIGITS("invalid BSN: contains a character other than a digit, space, dot or dash"),
    /** More than nine digits. */
    TOO_LONG("invalid BSN: more than nine digits"),
    /** All digits are zero. */
    ALL_ZEROS("invalid BSN: all digits are zero"),
    /** The 11-check (elfproef) does not hold. */
    CHECK_DIGIT("invalid BSN: the check digit does not match (11-check)");

    private final String message;

    Reason(String message) {
      this.message = message;
    }
  }

  private final Reason reason;

  InvalidBsnException(Reason reason) {
    super(reason.message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
