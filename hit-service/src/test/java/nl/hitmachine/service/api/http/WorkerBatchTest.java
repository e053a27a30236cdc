package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WorkerBatchTest {
  private Vertx vertx;
  private WorkerExecutor workers;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    workers = vertx.createSharedWorkerExecutor("batch-test", 4);
  }

  @AfterEach
  void stop() {
    workers.close();
    vertx.close().await();
  }

  /** A piece that records where and in which order it ran; the first one waits for a latch. */
  private static final class Recorder implements WorkerBatch.Piece {
    final List<String> ran;
    final int index;
    final CountDownLatch holdFirst;
    final CompletableFuture<String> done = new CompletableFuture<>();

    Recorder(List<String> ran, int index, CountDownLatch holdFirst) {
      this.ran = ran;
      this.index = index;
      this.holdFirst = holdFirst;
    }

    @Override
    public void run() {
      try {
        if (index == 0 && !holdFirst.await(5, TimeUnit.SECONDS)) {
          done.completeExceptionally(new AssertionError("the event loop did not finish submitting"));
          return;
        }
        synchronized (ran) {
          ran.add(index + "@" + Thread.currentThread().getName());
        }
        done.complete(Thread.currentThread().getName());
      } catch (InterruptedException e) {
        done.completeExceptionally(e);
      }
    }

    @Override
    public void refused(Throwable cause) {
      done.completeExceptionally(cause);
    }
  }

  private List<Recorder> submitInOneIteration(WorkerBatch batch, int pieces) throws Exception {
    List<String> ran = new ArrayList<>();
    CountDownLatch submittedAll = new CountDownLatch(1);
    List<Recorder> recorders = new ArrayList<>();
    for (int i = 0; i < pieces; i++) {
      recorders.add(new Recorder(ran, i, submittedAll));
    }
    Context loop = vertx.getOrCreateContext();
    CompletableFuture<Void> submitted = new CompletableFuture<>();
    loop.runOnContext(v -> {
      recorders.forEach(r -> batch.submit(loop, r));
      submittedAll.countDown(); // had each piece gone to the pool on its own, 1..n ran meanwhile
      submitted.complete(null);
    });
    submitted.get(5, TimeUnit.SECONDS);
    for (Recorder r : recorders) {
      r.done.get(5, TimeUnit.SECONDS);
    }
    return recorders;
  }

  @Test
  void piecesOfOneIteration_runAsOneTask_inOrder_onOneWorker() throws Exception {
    List<Recorder> recorders = submitInOneIteration(new WorkerBatch(workers), 10);

    String thread = recorders.get(0).done.get();
    assertThat(thread).startsWith("batch-test");
    assertThat(recorders).allSatisfy(r -> assertThat(r.done.get()).isEqualTo(thread));
    assertThat(recorders.get(0).ran)
        .containsExactly(recorders.stream().map(r -> r.index + "@" + thread).toArray(String[]::new));
  }

  @Test
  void aBusyIteration_isSplitIntoBatchesOfAtMostMaxPieces() throws Exception {
    int pieces = WorkerBatch.MAX_PIECES + 8;
    List<Recorder> recorders = submitInOneIteration(new WorkerBatch(workers), pieces);

    List<String> firstBatch = new ArrayList<>();
    for (int i = 0; i < WorkerBatch.MAX_PIECES; i++) {
      firstBatch.add(recorders.get(i).done.get());
    }
    assertThat(firstBatch).containsOnly(firstBatch.get(0));
    List<String> secondBatch = new ArrayList<>();
    for (int i = WorkerBatch.MAX_PIECES; i < pieces; i++) {
      secondBatch.add(recorders.get(i).done.get());
    }
    assertThat(secondBatch).containsOnly(secondBatch.get(0));
    // The first batch was handed over when it was full, before the loop finished submitting: its
    // first piece was still waiting for the latch while the second batch ran on another worker.
    assertThat(secondBatch.get(0)).isNotEqualTo(firstBatch.get(0));
  }

  @Test
  void offTheEventLoop_aPieceGoesToThePoolOnItsOwn() throws Exception {
    List<String> ran = new ArrayList<>();
    Recorder piece = new Recorder(ran, 1, new CountDownLatch(0));

    new WorkerBatch(workers).submit(vertx.getOrCreateContext(), piece); // from the test thread

    assertThat(piece.done.get(5, TimeUnit.SECONDS)).startsWith("batch-test");
  }

  @Test
  void aClosedPool_refusesEveryPieceOfTheBatch() throws Exception {
    WorkerBatch batch = new WorkerBatch(workers);
    workers.close().await();
    List<String> ran = new ArrayList<>();
    List<Recorder> recorders = List.of(new Recorder(ran, 1, new CountDownLatch(0)), new Recorder(ran, 2, new CountDownLatch(0)));
    Context loop = vertx.getOrCreateContext();
    loop.runOnContext(v -> recorders.forEach(r -> batch.submit(loop, r)));

    for (Recorder r : recorders) {
      assertThat(r.done).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class);
    }
    assertThat(ran).isEmpty();
  }
}
