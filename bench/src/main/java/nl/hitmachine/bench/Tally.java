package nl.hitmachine.bench;

import org.HdrHistogram.Histogram;

/**
 * What one run's answers came to — the one definition both open-loop generators and the closed
 * loop share: latency histogram in microseconds, 2xx / 429 / 503 / other statuses / transport
 * errors, how many were answered and when the last answer came. Not thread-safe: {@link Outcomes}
 * guards one for answers arriving on any thread; the event-loop generator keeps one per event loop
 * and {@linkplain #add merges} them at the end of the run.
 */
final class Tally {
  private final Histogram latencies = new Histogram(3);
  private long ok;
  private long tooMany;
  private long unavailable;
  private long otherStatus;
  private long transportErrors;
  private long answered;
  private long lastCompletion = Long.MIN_VALUE;

  /** An HTTP answer with {@code status} at {@code now}; latency measured from {@code since} (nanoseconds). */
  void status(long since, long now, int status) {
    if (status >= 200 && status < 300) {
      ok++;
    } else if (status == 429) {
      tooMany++;
    } else if (status == 503) {
      unavailable++;
    } else {
      otherStatus++;
    }
    answer(since, now);
  }

  /** A request that ended without an HTTP answer (connection refused, reset or closed, timeout). */
  void transportError(long since, long now) {
    transportErrors++;
    answer(since, now);
  }

  private void answer(long since, long now) {
    latencies.recordValue(Math.max(0, (now - since) / 1_000));
    lastCompletion = Math.max(lastCompletion, now);
    answered++;
  }

  long answered() {
    return answered;
  }

  /** Adds another part of the same run (another event loop's share) to this one. */
  void add(Tally other) {
    latencies.add(other.latencies);
    ok += other.ok;
    tooMany += other.tooMany;
    unavailable += other.unavailable;
    otherStatus += other.otherStatus;
    transportErrors += other.transportErrors;
    answered += other.answered;
    lastCompletion = Math.max(lastCompletion, other.lastCompletion);
  }

  /**
   * The run's result: {@code requests} were due, those not answered are unfinished; it ends at the
   * last answer, but not before {@code earliestEnd}.
   */
  RunResult result(double rate, long requests, long lateSends, long start, long earliestEnd) {
    long end = Math.max(earliestEnd, lastCompletion);
    return new RunResult(rate, requests, ok, tooMany, unavailable, otherStatus, transportErrors, requests - answered,
        lateSends, end - start, latencies.copy());
  }
}
