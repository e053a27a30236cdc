package nl.hitmachine.service.crypto;

/** A key file is missing, malformed or unsafely stored. The message names the file, never a key. */
public class KeyFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message) {
    super(message);
  }

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
