package nl.hitmachine.connector.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, bounded; honours a server's Retry-After within the bound. */
public final class Backoff {
  private final Duration initial;
  private final Duration max;

  public Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /**
   * The wait before attempt {@code failedAttempt + 1}: {@code initial·2^(failedAttempt-1)} with
   * "equal jitter" (half fixed, half random), at least {@code retryAfter} if given, at most {@code
   * max}.
   */
  /** The longest wait between attempts. */
  public Duration max() {
    return max;
  }

  public Duration delay(int failedAttempt, Duration retryAfter) {
    long base = initial.toMillis() << Math.min(failedAttempt - 1, 20);
    base = Math.min(Math.max(base, 0), max.toMillis());
    long half = base / 2;
    long jittered = half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0);
    if (retryAfter != null) {
      jittered = Math.max(jittered, retryAfter.toMillis());
    }
    return Duration.ofMillis(Math.min(jittered, max.toMillis()));
  }
}
