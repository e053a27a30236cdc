package nl.hitmachine.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

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
    Histogram latencies = new ConcurrentHistogram(3);
    Semaphore permits = new Semaphore(concurrency);
    CountDownLatch done = new CountDownLatch(count);
    AtomicLong ok = new AtomicLong();
    AtomicLong tooMany = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong otherStatus = new AtomicLong();
    AtomicLong transportErrors = new AtomicLong();
    LongAccumulator lastCompletion = new LongAccumulator(Math::max, Long.MIN_VALUE);
    long start = ticker.nanoTime();
    for (int i = 0; i < count; i++) {
      permits.acquire();
      long sent = ticker.nanoTime();
      CompletableFuture<Integer> answer;
      try {
        answer = target.send(firstIndex + i);
      } catch (RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      answer.whenComplete((status, failure) -> {
        long now = ticker.nanoTime();
        latencies.recordValue(Math.max(0, (now - sent) / 1_000));
        lastCompletion.accumulate(now);
        if (failure != null || status == null) {
          transportErrors.incrementAndGet();
        } else if (status >= 200 && status < 300) {
          ok.incrementAndGet();
        } else if (status == 429) {
          tooMany.incrementAndGet();
        } else if (status == 503) {
          unavailable.incrementAndGet();
        } else {
          otherStatus.incrementAndGet();
        }
        done.countDown();
        permits.release();
      });
    }
    done.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
    long end = Math.max(start + 1, lastCompletion.get());
    return new RunResult(0, count, ok.get(), tooMany.get(), unavailable.get(), otherStatus.get(),
        transportErrors.get(), done.getCount(), 0, end - start, latencies.copy());
  }
}
