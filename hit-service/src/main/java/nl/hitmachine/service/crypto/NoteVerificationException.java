package nl.hitmachine.service.crypto;

/** A signed note or checkpoint was refused. {@link #reason()} says why; the message explains it. */
public class NoteVerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a note was refused. */
  public enum Reason {
    /** The note does not follow the signed-note syntax (or is too large). */
    MALFORMED_NOTE,
    /** No signature line is by the trusted key (name and key ID); other keys' signatures are ignored. */
    NOT_SIGNED_BY_TRUSTED_KEY,
    /** A signature line names the trusted key but its signature does not verify. */
    INVALID_SIGNATURE,
    /** The note verified, but its text is not a well-formed checkpoint. */
    MALFORMED_CHECKPOINT,
    /** The checkpoint verified, but its origin is not the trusted key's name. */
    WRONG_ORIGIN
  }

  private final Reason reason;

  public NoteVerificationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public NoteVerificationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
