package nl.hitmachine.service.pki;

/**
 * A PKI operation that could not be done. The {@link Kind} says whose fault it is, so the command
 * line can map it to an exit code; the message names files and fields, never key material.
 */
public final class PkiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the operation failed. */
  public enum Kind {
    /** A value given by the caller is not acceptable (exit 2). */
    INVALID_INPUT,
    /** A CA file is missing, unreadable or malformed (exit 4). */
    UNREADABLE,
    /** The operation was refused or failed, e.g. a file that would be overwritten (exit 1). */
    FAILED
  }

  private final Kind kind;

  public PkiException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PkiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static PkiException invalid(String message) {
    return new PkiException(Kind.INVALID_INPUT, message);
  }

  static PkiException unreadable(String message, Throwable cause) {
    return new PkiException(Kind.UNREADABLE, message, cause);
  }

  static PkiException failed(String message) {
    return new PkiException(Kind.FAILED, message);
  }

  static PkiException failed(String message, Throwable cause) {
    return new PkiException(Kind.FAILED, message, cause);
  }
}
