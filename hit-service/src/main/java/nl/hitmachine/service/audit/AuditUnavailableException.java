package nl.hitmachine.service.audit;

/** An entry could not be made durable. The caller must not release the answer it audits. */
public class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditUnavailableException(String message) {
    super(message);
  }
}
