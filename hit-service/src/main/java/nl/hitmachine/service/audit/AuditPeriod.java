package nl.hitmachine.service.audit;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The retention period of an audit entry: the calendar month (UTC) of its time. {@link
 * FileAuditLog} starts a new segment when an entry belongs to a later period than the first entry of
 * the current segment, so no segment holds an entry of a later period than its first entry's; a
 * segment is past retention when its first entry's period {@linkplain #end(YearMonth) ended} before
 * the retention cut-off.
 */
public final class AuditPeriod {
  private AuditPeriod() {}

  /** The period (UTC calendar month) of {@code time}. */
  public static YearMonth of(Instant time) {
    return YearMonth.from(time.atOffset(ZoneOffset.UTC));
  }

  /** The first instant after {@code period}: 00:00 UTC on the first day of the next month. */
  public static Instant end(YearMonth period) {
    return period.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
  }
}
