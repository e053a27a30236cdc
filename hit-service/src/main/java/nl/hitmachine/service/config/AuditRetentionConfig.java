package nl.hitmachine.service.config;

/**
 * How long audit entries are kept.
 *
 * @param months entries are removed, a whole period (UTC calendar month) at a time, once the month
 *     they were written in ended at least this many months ago; 0 keeps them forever. Default 60
 *     (five years, the retention NEN 7513 recommends for logs of access to personal data in care)
 */
public record AuditRetentionConfig(Integer months) {
  /** The default: 60 months. */
  public static final int DEFAULT_MONTHS = 60;

  public AuditRetentionConfig {
    months = months == null ? DEFAULT_MONTHS : months;
  }
}
