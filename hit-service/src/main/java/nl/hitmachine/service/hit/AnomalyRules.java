package nl.hitmachine.service.hit;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the anomaly report counts as usual (built from {@code audit.anomalies} in the configuration).
 *
 * @param zone the office's time zone; office hours are local times in it, so they follow DST
 * @param workingDays the days with office hours
 * @param officeStart the start of office hours, inclusive
 * @param officeEnd the end of office hours, exclusive, after {@code officeStart}
 * @param baselineDays how many days before the period make a client's usual volume
 * @param volumeFactor report a client above this many times its usual volume
 * @param minimumVolume never report a client for volume below this many subjects in the period
 * @param repeatThreshold report a subject looked up this often without a case reference
 * @param maxPeriod the longest period one report may cover
 */
public record AnomalyRules(
    ZoneId zone,
    Set<DayOfWeek> workingDays,
    LocalTime officeStart,
    LocalTime officeEnd,
    int baselineDays,
    double volumeFactor,
    long minimumVolume,
    int repeatThreshold,
    Duration maxPeriod) {

  public AnomalyRules {
    Objects.requireNonNull(zone, "zone");
    workingDays = workingDays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(workingDays));
    Objects.requireNonNull(officeStart, "officeStart");
    Objects.requireNonNull(officeEnd, "officeEnd");
    if (!officeEnd.isAfter(officeStart)) {
      throw new IllegalArgumentException("officeEnd must be after officeStart");
    }
    if (baselineDays < 1) {
      throw new IllegalArgumentException("baselineDays must be at least 1");
    }
    if (!(volumeFactor >= 1.0)) {
      throw new IllegalArgumentException("volumeFactor must be at least 1");
    }
    if (minimumVolume < 1) {
      throw new IllegalArgumentException("minimumVolume must be at least 1");
    }
    if (repeatThreshold < 2) {
      throw new IllegalArgumentException("repeatThreshold must be at least 2");
    }
    if (maxPeriod.isNegative() || maxPeriod.isZero()) {
      throw new IllegalArgumentException("maxPeriod must be positive");
    }
  }

  /** The defaults: Europe/Amsterdam, Monday to Friday 07:00–19:00, 28 days, factor 5, 50, 3, 31 days. */
  public static AnomalyRules defaults() {
    return new AnomalyRules(ZoneId.of("Europe/Amsterdam"),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(7, 0), LocalTime.of(19, 0),
        28, 5.0, 50, 3, Duration.ofDays(31));
  }

  /** True when {@code time} falls on a working day, in [officeStart, officeEnd) local time. */
  public boolean isOfficeHours(Instant time) {
    ZonedDateTime local = time.atZone(zone);
    LocalTime t = local.toLocalTime();
    return workingDays.contains(local.getDayOfWeek()) && !t.isBefore(officeStart) && t.isBefore(officeEnd);
  }
}
