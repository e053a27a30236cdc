package nl.hitmachine.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Throughput runs for bulk work (registration batches): {@code count} requests with always {@code
 * concurrency} of them in flight, the next one sent as soon as one is answered (a closed loop, as a
 * connector pushing batches does). Latency here is send to answer of each request; the measure is
 * the rate. Lookups use the {@link OpenLoopRunner} instead, whose latencies are free of
 * coordinated omission.
 */
final class ClosedLoopRunner {
  private final Target target;
  private final Ticker ticker;
  private final int concurrency;
  private final Duration drainTimeout;

  ClosedLoopRunner(Target target, Ticker ticker, int concurrency, Duration drainTimeout) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1");
    }
    this.target = target;
    this.ticker = ticker;
    this.concurrency = concurrency;
    this.drainTimeout = drainTimeout;
  }

  /** Sends requests {@code firstIndex … firstIndex + count - 1}. */
  RunResult run(int count, long firstIndex) throws InterruptedException {
    Semaphore permits = new Semaphore(concurrency);
    Outcomes outcomes = new Outcomes(count);
    long start = ticker.nanoTime();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      outcomes.send(target, firstIndex + i, ticker.nanoTime(), ticker, permits);
    }
    outcomes.await(drainTimeout.toNanos());
    return outcomes.result(0, count, 0, start, start + 1);
  }
}
