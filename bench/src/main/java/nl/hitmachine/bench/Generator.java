package nl.hitmachine.bench;

import java.time.Duration;

/** Runs a {@link Schedule} against the service and says what came of it; holds its connections until closed. */
interface Generator extends AutoCloseable {
  /** Runs the schedule once; request indexes (which body is sent) start at {@code firstIndex}. */
  RunResult run(Schedule schedule, long firstIndex) throws InterruptedException;

  /** What sends, for the report: e.g. {@code loop (epoll, 1 event loop)}, {@code vertx}, {@code jdk}. */
  String description();

  @Override
  void close();

  /** A thread-per-run {@link OpenLoopRunner} sending through {@code target}. */
  static Generator threaded(String description, Target.Closing target, int maxInFlight, Duration drainTimeout) {
    OpenLoopRunner runner = new OpenLoopRunner(target, Ticker.SYSTEM, maxInFlight, drainTimeout);
    return new Generator() {
      @Override
      public RunResult run(Schedule schedule, long firstIndex) throws InterruptedException {
        return runner.run(schedule, firstIndex);
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public void close() {
        target.close();
      }
    };
  }
}
