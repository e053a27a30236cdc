package nl.hitmachine.connector;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pseudonym key file or key directory cannot be used: unsafe permissions, bad format, a
 * duplicate or missing key. The message names the file and what to do; it never contains key
 * material.
 */
public final class KeyFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  public KeyFileException(Path path, String message) {
    super(message);
    this.path = path;
  }

  public KeyFileException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** The file or directory concerned. */
  public Path path() {
    return path;
  }
}
