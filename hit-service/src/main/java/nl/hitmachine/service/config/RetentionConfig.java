package nl.hitmachine.service.config;

/**
 * How long a registration lives when the connector gives no validUntil, and the most it may ask.
 * Defaults follow the reference-index practice: 12 months, at most 24.
 */
public record RetentionConfig(Integer defaultMonths, Integer maxMonths) {
  public RetentionConfig {
    defaultMonths = defaultMonths == null ? 12 : defaultMonths;
    maxMonths = maxMonths == null ? 24 : maxMonths;
  }
}
