package nl.hitmachine.service.backup;

/** A backup that is damaged or incomplete; the message names the file or the check that failed. */
public final class BackupRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public BackupRefusedException(String message) {
    super(message);
  }
}
