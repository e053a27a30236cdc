package nl.hitmachine.bench;

import org.HdrHistogram.Histogram;

/**
 * One run's outcome. Every due request ends in exactly one of: a 2xx answer, 429, 503, another
 * status, a transport error, or unfinished (no answer before the drain timeout; not in the
 * histogram).
 *
 * @param lateSends requests sent more than 1 ms after they were due, because the in-flight cap was
 *     reached or the load generator fell behind; many of them mean the run measured the generator
 *     or the cap as much as the service (their latencies still count from the due time)
 * @param elapsedNanos from the start to the last completion, but at least the scheduled duration
 * @param latencyMicros completion minus intended send time, of every answered or failed request
 */
record RunResult(
    double targetRate,
    long scheduled,
    long ok,
    long tooManyRequests,
    long unavailable,
    long otherStatus,
    long transportErrors,
    long unfinished,
    long lateSends,
    long elapsedNanos,
    Histogram latencyMicros) {

  long completed() {
    return scheduled - unfinished;
  }

  /** Non-2xx answers, transport errors and unfinished requests. */
  long failures() {
    return tooManyRequests + unavailable + otherStatus + transportErrors + unfinished;
  }

  /** Completed requests (any outcome) per second of elapsed time. */
  double achievedRate() {
    return elapsedNanos <= 0 ? 0 : completed() * 1e9 / elapsedNanos;
  }

  /** Latency at the percentile (0–100), in microseconds. */
  long percentileMicros(double percentile) {
    return latencyMicros.getValueAtPercentile(percentile);
  }

  long maxMicros() {
    return latencyMicros.getMaxValue();
  }
}
