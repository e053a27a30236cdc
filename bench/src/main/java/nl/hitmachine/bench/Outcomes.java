package nl.hitmachine.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one run's answers came to, counted as they arrive (from any thread): latency histogram in
 * microseconds, 2xx / 429 / 503 / other statuses / transport errors, the last completion, and how
 * many are still outstanding. Both runners count through this.
 */
final class Outcomes {
  private final Histogram latencies = new ConcurrentHistogram(3);
  private final CountDownLatch outstanding;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong tooMany = new AtomicLong();
  private final AtomicLong unavailable = new AtomicLong();
  private final AtomicLong otherStatus = new AtomicLong();
  private final AtomicLong transportErrors = new AtomicLong();
  private final LongAccumulator lastCompletion = new LongAccumulator(Math::max, Long.MIN_VALUE);

  Outcomes(long requests) {
    this.outstanding = new CountDownLatch(Math.toIntExact(requests));
  }

  /** One answer at {@code now}: latency measured from {@code since} (both ticker nanoseconds). */
  void record(long since, long now, Integer status, Throwable failure) {
    latencies.recordValue(Math.max(0, (now - since) / 1_000));
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
    outstanding.countDown();
  }

  /** Waits up to {@code nanos} for the outstanding answers. */
  void await(long nanos) throws InterruptedException {
    outstanding.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** The run's result; it ends at the last answer, but not before {@code earliestEnd}. */
  RunResult result(double rate, long requests, long lateSends, long start, long earliestEnd) {
    long end = Math.max(earliestEnd, lastCompletion.get());
    return new RunResult(rate, requests, ok.get(), tooMany.get(), unavailable.get(), otherStatus.get(),
        transportErrors.get(), outstanding.getCount(), lateSends, end - start, latencies.copy());
  }
}
