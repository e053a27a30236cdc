package nl.hitmachine.service.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The privacy officer's anomaly report ({@code GET /v1/audit/anomalies}): what counts as usual.
 *
 * @param officeHours when lookups are expected; lookups outside are reported
 * @param baselineDays how many days before the period make a client's usual volume (default 28)
 * @param volumeFactor a client is reported when it looked up more than this times its usual volume
 *     (default 5)
 * @param minimumVolume below this many subjects in the period a client is never reported for
 *     volume; also the rule for a client without history (default 50)
 * @param repeatThreshold the same subject looked up this many times or more by one client in the
 *     period without a case reference is reported (default 3)
 * @param maxPeriodDays the longest period one report may cover (default 31)
 */
public record AnomalyConfig(
    OfficeHours officeHours,
    Integer baselineDays,
    Double volumeFactor,
    Integer minimumVolume,
    Integer repeatThreshold,
    Integer maxPeriodDays) {
  public AnomalyConfig {
    officeHours = officeHours == null ? new OfficeHours(null, null, null, null) : officeHours;
    baselineDays = baselineDays == null ? 28 : baselineDays;
    volumeFactor = volumeFactor == null ? 5.0 : volumeFactor;
    minimumVolume = minimumVolume == null ? 50 : minimumVolume;
    repeatThreshold = repeatThreshold == null ? 3 : repeatThreshold;
    maxPeriodDays = maxPeriodDays == null ? 31 : maxPeriodDays;
  }

  /** All defaults. */
  public static AnomalyConfig defaults() {
    return new AnomalyConfig(null, null, null, null, null, null);
  }

  /**
   * Office hours: a lookup is inside when it falls on a working day, at or after {@code start} and
   * before {@code end}, in {@code timeZone} local time (so the hours follow daylight saving time).
   *
   * @param timeZone an IANA zone id (default {@code Europe/Amsterdam})
   * @param workingDays day names, {@code MONDAY} … {@code SUNDAY} (default Monday to Friday)
   * @param start {@code HH:MM}, inclusive (default {@code 07:00}); quote it in YAML
   * @param end {@code HH:MM}, exclusive, after start (default {@code 19:00}); quote it in YAML
   */
  public record OfficeHours(String timeZone, List<String> workingDays, String start, String end) {
    public OfficeHours {
      timeZone = timeZone == null ? "Europe/Amsterdam" : timeZone;
      workingDays = workingDays == null
          ? List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
          : Collections.unmodifiableList(new ArrayList<>(workingDays)); // nulls kept for the validator
      start = start == null ? "07:00" : start;
      end = end == null ? "19:00" : end;
    }
  }
}
