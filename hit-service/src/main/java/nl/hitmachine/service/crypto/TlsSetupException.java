package nl.hitmachine.service.crypto;

/**
 * A TLS file or setting cannot be used: the service must not start. The message names the file or
 * variable and what is wrong, never a password, key or certificate content.
 */
public class TlsSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsSetupException(String message) {
    super(message);
  }

  public TlsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
