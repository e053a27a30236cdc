package nl.hitmachine.service.api.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands small pieces of worker work (a single lookup: a few microseconds of keying, one index read
 * and an audit append) to the worker pool in batches: what one event-loop iteration collects goes
 * to the pool as <em>one</em> task, run piece after piece on one worker. Under load an event loop
 * reads several requests per iteration, so the pool is woken once per batch instead of once per
 * request — on two cores each wake-up of a parked worker is a futex call and a context switch.
 *
 * <p>Not for large pieces (a screening list of hundreds of subjects): those would wait for each
 * other in one batch while other workers sit idle. One instance per event loop (per router); it is
 * used from that loop's thread only.
 */
final class WorkerBatch {
  /** A piece of work, and what to do when the pool refuses it (closed during shutdown). */
  interface Piece {
    void run();

    void refused(Throwable cause);
  }

  /** At most this many pieces per batch; a busier iteration starts another batch. */
  static final int MAX_PIECES = 32;

  private final WorkerExecutor workers;
  private ArrayList<Piece> pending = new ArrayList<>();

  WorkerBatch(WorkerExecutor workers) {
    this.workers = workers;
  }

  /**
   * Adds {@code piece} to the current batch of {@code eventLoop} (the caller's context), which is
   * handed to the pool once the loop has run the rest of this iteration. Off the event loop the
   * piece goes to the pool on its own.
   */
  void submit(Context eventLoop, Piece piece) {
    if (!eventLoop.isEventLoopContext() || !Context.isOnEventLoopThread()) {
      hand(workers, List.of(piece), false);
      return;
    }
    pending.add(piece);
    if (pending.size() == 1) {
      eventLoop.runOnContext(v -> flush()); // a task: runs after the reads of this iteration
    } else if (pending.size() >= MAX_PIECES) {
      flush();
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    List<Piece> batch = pending;
    pending = new ArrayList<>();
    hand(workers, batch, false);
  }

  /**
   * Runs {@code pieces} in turn as one task of {@code workers}; a pool that refuses the task
   * (closed: it throws, or fails the future) refuses every piece instead.
   */
  static void hand(WorkerExecutor workers, List<? extends Piece> pieces, boolean ordered) {
    Future<Void> submitted;
    try {
      submitted = workers.executeBlocking(() -> {
        for (Piece piece : pieces) {
          piece.run();
        }
        return null;
      }, ordered);
    } catch (RuntimeException e) { // RejectedExecutionException from a closed pool
      submitted = Future.failedFuture(e);
    }
    if (submitted.failed()) {
      Throwable cause = submitted.cause();
      pieces.forEach(piece -> piece.refused(cause));
    }
  }
}
