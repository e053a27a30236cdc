package nl.hitmachine.service.index;

/**
 * The index could not read or durably write. Nothing of the failed call was applied. The message
 * says what failed and never contains a subject key.
 */
public class IndexUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public IndexUnavailableException(String message) {
    super(message);
  }
}
