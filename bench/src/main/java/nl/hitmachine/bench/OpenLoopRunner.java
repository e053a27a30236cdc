package nl.hitmachine.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Sends requests on the {@link Schedule}'s timetable and records each one's latency from its
 * <em>intended</em> send time to its completion in an HdrHistogram (microseconds, 3 significant
 * digits).
 *
 * <p>At most {@code maxInFlight} requests are outstanding. When that cap is reached, or the sender
 * falls behind, the next request is sent as soon as possible, but its latency still counts from the
 * time it was due — the waiting is part of what a client arriving at that moment would see.
 */
final class OpenLoopRunner {
  /** A request sent this much after it was due counts as a late send (the sender was held up). */
  static final long LATE_SEND_NANOS = 1_000_000;

  private final Target target;
  private final Ticker ticker;
  private final int maxInFlight;
  private final Duration drainTimeout;

  OpenLoopRunner(Target target, Ticker ticker, int maxInFlight, Duration drainTimeout) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("at least one request must be allowed in flight");
    }
    this.target = target;
    this.ticker = ticker;
    this.maxInFlight = maxInFlight;
    this.drainTimeout = drainTimeout;
  }

  /** Runs the schedule once; request indexes start at {@code firstIndex}. */
  RunResult run(Schedule schedule, long firstIndex) throws InterruptedException {
    long requests = schedule.requests();
    Semaphore permits = new Semaphore(maxInFlight);
    Outcomes outcomes = new Outcomes(requests);
    long lateSends = 0;

    long start = ticker.nanoTime();
    for (long i = 0; i < requests; i++) {
      long intended = start + schedule.offsetNanos(i);
      ticker.sleepUntil(intended);
      permits.acquire();
      if (ticker.nanoTime() - intended > LATE_SEND_NANOS) {
        lateSends++;
      }
      outcomes.send(target, firstIndex + i, intended, ticker, permits);
    }
    outcomes.await(drainTimeout.toNanos());
    return outcomes.result(schedule.ratePerSecond(), requests, lateSends, start, start + schedule.duration().toNanos());
  }
}
