package nl.hitmachine.service.hit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import nl.hitmachine.service.config.LookupLimitsConfig;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/**
 * Per-client abuse limits on lookups, counted in subjects: a token bucket ({@code
 * subjectsPerSecond} refill, {@code burstSubjects} capacity) and a daily quota that resets at
 * midnight in the configured zone. A lookup is either allowed and charged in full, or refused with
 * a 429 problem carrying {@code Retry-After} and charged nothing.
 *
 * <p>State is in memory: a restart gives every client a full bucket and a fresh daily quota.
 * Thread-safe; each client's state is updated under its own lock, so clients never wait on each
 * other.
 */
public final class LookupLimiter {
  private final Clock clock;
  private final ZoneId zone;
  private final LookupLimitsConfig defaults;
  private final Map<String, LookupLimitsConfig> perClient;
  private final ConcurrentHashMap<String, Allowance> allowances = new ConcurrentHashMap<>();

  /**
   * @param defaults the limits of clients without their own (all values present)
   * @param perClient client id → that client's complete limits
   */
  public LookupLimiter(Clock clock, ZoneId zone, LookupLimitsConfig defaults, Map<String, LookupLimitsConfig> perClient) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.perClient = Map.copyOf(perClient);
  }

  /**
   * Charges {@code subjects} to {@code clientId}'s allowance.
   *
   * @return {@code null} when allowed (and charged), else the 429 problem to refuse with
   */
  public ProblemException charge(String clientId, int subjects) {
    LookupLimitsConfig limits = perClient.getOrDefault(clientId, defaults);
    Allowance allowance = allowances.computeIfAbsent(clientId, id -> new Allowance(limits.burstSubjects()));
    synchronized (allowance) {
      return allowance.charge(limits, subjects, clock.instant());
    }
  }

  /** One client's bucket and day counter; guarded by its own monitor. */
  private final class Allowance {
    private double tokens;
    private long lastRefillMillis = Long.MIN_VALUE;
    private LocalDate day;
    private long usedToday;

    Allowance(long burst) {
      this.tokens = burst;
    }

    ProblemException charge(LookupLimitsConfig limits, int subjects, Instant now) {
      LocalDate today = LocalDate.ofInstant(now, zone);
      if (!today.equals(day)) {
        day = today;
        usedToday = 0;
      }
      long nowMillis = now.toEpochMilli();
      if (lastRefillMillis != Long.MIN_VALUE && nowMillis > lastRefillMillis) {
        tokens = Math.min(limits.burstSubjects(),
            tokens + (nowMillis - lastRefillMillis) * (double) limits.subjectsPerSecond() / 1000.0);
      }
      lastRefillMillis = Math.max(lastRefillMillis, nowMillis);
      if (usedToday + subjects > limits.subjectsPerDay()) {
        long untilMidnight = Duration.between(now, today.plusDays(1).atStartOfDay(zone).toInstant()).toSeconds() + 1;
        return ProblemException.tooManyRequests(ProblemType.QUOTA_EXCEEDED,
            "this client's daily quota of " + limits.subjectsPerDay() + " looked-up subjects is used up ("
                + usedToday + " used today); it resets at midnight, " + zone.getId(),
            untilMidnight);
      }
      if (tokens < subjects) {
        long wait = (long) Math.ceil((subjects - tokens) / limits.subjectsPerSecond());
        return ProblemException.tooManyRequests(ProblemType.RATE_LIMITED,
            "this client may look up at most " + limits.subjectsPerSecond() + " subjects per second (bursts up to "
                + limits.burstSubjects() + "); retry later",
            wait);
      }
      tokens -= subjects;
      usedToday += subjects;
      return null;
    }
  }
}
