package nl.hitmachine.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Tally} for answers that arrive on any thread (the thread-per-run runners'
 * completions), and a wait for the outstanding ones.
 */
final class Outcomes {
  private final Tally tally = new Tally();
  private final CountDownLatch outstanding;

  Outcomes(long requests) {
    this.outstanding = new CountDownLatch(Math.toIntExact(requests));
  }

  /** One answer at {@code now}: latency measured from {@code since} (both ticker nanoseconds). */
  void record(long since, long now, Integer status, Throwable failure) {
    synchronized (tally) {
      if (failure != null || status == null) {
        tally.transportError(since, now);
      } else {
        tally.status(since, now, status);
      }
    }
    outstanding.countDown();
  }

  /**
   * Sends request {@code index} through {@code target} without waiting; its answer (or the
   * exception {@code send} throws) is recorded with its latency from {@code since}, and frees one of
   * {@code permits}, the runner's in-flight cap.
   */
  void send(Target target, long index, long since, Ticker ticker, Semaphore permits) {
    CompletableFuture<Integer> answer;
    try {
      answer = target.send(index);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((status, failure) -> {
      long now = ticker.nanoTime();
      permits.release();
      record(since, now, status, failure);
    });
  }

  /** Waits up to {@code nanos} for the outstanding answers. */
  void await(long nanos) throws InterruptedException {
    outstanding.await(nanos, TimeUnit.NANOSECONDS);
  }

  /** The run's result; it ends at the last answer, but not before {@code earliestEnd}. */
  RunResult result(double rate, long requests, long lateSends, long start, long earliestEnd) {
    synchronized (tally) {
      return tally.result(rate, requests, lateSends, start, earliestEnd);
    }
  }
}
