package nl.hitmachine.service.config;

/**
 * The request log.
 *
 * @param format {@code text} (default: one line per failed request) or {@code json} (one JSON line
 *     per request on standard output: time, request id, route template, method, status, duration,
 *     client id, agency — never a subject, pseudonym, user name or case reference)
 */
public record LoggingConfig(String format) {
  public LoggingConfig {
    format = format == null ? "text" : format;
  }

  /** Whether every request is logged as one JSON line. */
  public boolean json() {
    return "json".equals(format);
  }
}
