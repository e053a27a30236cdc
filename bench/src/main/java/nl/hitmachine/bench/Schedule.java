package nl.hitmachine.bench;

import java.time.Duration;

/**
 * The open workload model's timetable: request {@code i} is due at {@code start + i / rate},
 * whatever happened to the requests before it (constant arrival rate, as wrk2 does). Latency is
 * measured from this intended time, so a stall of the service (or of the load generator) shows
 * up in every request that should have been sent during it — no coordinated omission.
 */
record Schedule(double ratePerSecond, Duration duration) {
  private static final double NANOS_PER_SECOND = 1e9;

  Schedule {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number of requests per second");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
  }

  /** Nanoseconds from the start at which request {@code i} (0-based) is due. */
  long offsetNanos(long i) {
    if (i < 0) {
      throw new IllegalArgumentException("request index must not be negative");
    }
    return Math.round(i * NANOS_PER_SECOND / ratePerSecond);
  }

  /** How many requests are due within the duration: those with an offset strictly before its end. */
  long requests() {
    long durationNanos = duration.toNanos();
    long n = (long) Math.ceil(durationNanos * ratePerSecond / NANOS_PER_SECOND);
    // Correct the floating-point estimate against the exact definition.
    while (n > 0 && offsetNanos(n - 1) >= durationNanos) {
      n--;
    }
    while (offsetNanos(n) < durationNanos) {
      n++;
    }
    return n;
  }
}
