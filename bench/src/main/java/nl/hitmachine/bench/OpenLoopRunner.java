package nl.hitmachine.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

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
    Histogram latencies = new ConcurrentHistogram(3);
    Semaphore permits = new Semaphore(maxInFlight);
    CountDownLatch done = new CountDownLatch(Math.toIntExact(requests));
    AtomicLong ok = new AtomicLong();
    AtomicLong tooMany = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong otherStatus = new AtomicLong();
    AtomicLong transportErrors = new AtomicLong();
    long lateSends = 0;
    LongAccumulator lastCompletion = new LongAccumulator(Math::max, Long.MIN_VALUE);

    long start = ticker.nanoTime();
    for (long i = 0; i < requests; i++) {
      long intended = start + schedule.offsetNanos(i);
      ticker.sleepUntil(intended);
      permits.acquire();
      if (ticker.nanoTime() - intended > LATE_SEND_NANOS) {
        lateSends++;
      }
      java.util.concurrent.CompletableFuture<Integer> answer;
      try {
        answer = target.send(firstIndex + i);
      } catch (RuntimeException e) {
        answer = java.util.concurrent.CompletableFuture.failedFuture(e);
      }
      answer.whenComplete(
          (status, failure) -> {
            long now = ticker.nanoTime();
            permits.release();
            latencies.recordValue(Math.max(0, (now - intended) / 1_000));
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
          });
    }
    done.await(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
    long unfinished = done.getCount();
    long end = Math.max(start + schedule.duration().toNanos(), lastCompletion.get());
    return new RunResult(
        schedule.ratePerSecond(),
        requests,
        ok.get(),
        tooMany.get(),
        unavailable.get(),
        otherStatus.get(),
        transportErrors.get(),
        unfinished,
        lateSends,
        end - start,
        latencies.copy());
  }
}
