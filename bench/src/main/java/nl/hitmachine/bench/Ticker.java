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

        /**
         * Parks without busy-waiting, so the generator leaves the cores to the service it shares
         * them with; the timer's slack (tens of µs) delays sending and so counts in the latency.
         */
        @Override
        public void sleepUntil(long deadline) throws InterruptedException {
          long remaining;
          while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) {
              throw new InterruptedException();
            }
          }
        }
      };
}
