package nl.hitmachine.bench;

import java.util.concurrent.locks.LockSupport;

/** Time for the load generator: {@link #SYSTEM} in real runs, a virtual clock in tests. */
interface Ticker {
  long nanoTime();

  /** Returns at or after {@code deadline} (a {@link #nanoTime()} value); at once if it has passed. */
  void sleepUntil(long deadline) throws InterruptedException;

  Ticker SYSTEM =
      new Ticker() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
          long remaining;
          while ((remaining = deadline - System.nanoTime()) > 0) {
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
            if (remaining > 50_000) {
              LockSupport.parkNanos(remaining - 20_000);
            } else {
              Thread.onSpinWait();
            }
          }
        }
      };
}
