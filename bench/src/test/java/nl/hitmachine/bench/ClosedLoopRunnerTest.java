package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The closed-loop runner on a virtual clock: never more than the concurrency in flight. */
class ClosedLoopRunnerTest {
  private static final long MILLIS = 1_000_000L;

  /**
   * A target that holds each request until the next one would exceed two in flight, then answers
   * the oldest after 10 ms of virtual time — so the runner must wait for answers.
   */
  private static final class TwoLanes implements Target {
    final VirtualTicker ticker;
    final Deque<CompletableFuture<Integer>> pending = new ArrayDeque<>();
    int maxInFlight;

    TwoLanes(VirtualTicker ticker) {
      this.ticker = ticker;
    }

    @Override
    public CompletableFuture<Integer> send(long index) {
      CompletableFuture<Integer> f = new CompletableFuture<>();
      pending.add(f);
      maxInFlight = Math.max(maxInFlight, pending.size());
      if (pending.size() == 2) {
        ticker.advance(10 * MILLIS);
        pending.poll().complete(index % 4 == 3 ? 503 : 200);
      }
      return f;
    }

    void drain() {
      while (!pending.isEmpty()) {
        ticker.advance(10 * MILLIS);
        pending.poll().complete(200);
      }
    }
  }

  @Test
  void keepsTheConcurrencyAndMeasuresTheRate() throws Exception {
    VirtualTicker ticker = new VirtualTicker();
    TwoLanes target = new TwoLanes(ticker);
    ClosedLoopRunner runner = new ClosedLoopRunner(i -> {
      CompletableFuture<Integer> f = target.send(i);
      if (i == 99) {
        target.drain();
      }
      return f;
    }, ticker, 2, Duration.ofSeconds(1));

    RunResult r = runner.run(100, 0);

    assertThat(target.maxInFlight).isEqualTo(2);
    assertThat(r.scheduled()).isEqualTo(100);
    assertThat(r.ok() + r.unavailable()).isEqualTo(100);
    assertThat(r.unavailable()).isPositive();
    assertThat(r.unfinished()).isZero();
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(100);
    // 100 answers, each 10 ms of virtual time apart: 1 s, so 100 requests/s.
    assertThat(r.elapsedNanos()).isEqualTo(100 * 10 * MILLIS);
    assertThat(r.achievedRate()).isEqualTo(100.0);
    assertThat(BulkReport.itemsPerSecond(r, r.ok() * 10_000)).isEqualTo(r.ok() * 10_000.0);
  }
}
