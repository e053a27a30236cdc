package nl.hitmachine.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The runner on a virtual clock: deterministic, no real time passes. */
class OpenLoopRunnerTest {
  private static final long MICROS = 1_000L;
  private static final long MILLIS = 1_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /**
   * A client that answers in 10 µs, except that the request sent at 0.5 s hangs for 1 s and
   * holds up the sender (the worst case: a synchronous, one-connection client).
   */
  private static final class StallingClient implements Target {
    final VirtualTicker ticker;
    final List<Long> serviceTimes = new ArrayList<>();

    StallingClient(VirtualTicker ticker) {
      this.ticker = ticker;
    }

    @Override
    public CompletableFuture<Integer> send(long index) {
      long took = index == 50 ? SECOND : 10 * MICROS;
      ticker.advance(took);
      serviceTimes.add(took);
      return CompletableFuture.completedFuture(200);
    }
  }

  @Test
  void aOneSecondStallAt100PerSecondShowsUpAsAHundredLateRequests() throws Exception {
    VirtualTicker ticker = new VirtualTicker();
    StallingClient client = new StallingClient(ticker);
    OpenLoopRunner runner = new OpenLoopRunner(client, ticker, 1, Duration.ofSeconds(1));

    RunResult r = runner.run(new Schedule(100, Duration.ofSeconds(2)), 0);

    // What a closed-loop tool would see (actual send to completion): one slow request.
    assertThat(client.serviceTimes.stream().filter(t -> t > MILLIS).count()).isEqualTo(1);
    // From the intended send time: every request due during the stall waited for it.
    assertThat(r.scheduled()).isEqualTo(200);
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(200);
    long late = r.latencyMicros().getCountBetweenValues(5 * MILLIS / MICROS, Long.MAX_VALUE);
    assertThat(late).isBetween(98L, 102L);
    assertThat(r.maxMicros()).isCloseTo(SECOND / MICROS, within(SECOND / MICROS / 100));
    // The late ones spread evenly from ~1 s down to ~0: the 75th percentile is about half a second.
    assertThat(r.percentileMicros(75)).isBetween(400 * MILLIS / MICROS, 600 * MILLIS / MICROS);
    assertThat(r.percentileMicros(25)).isLessThan(MILLIS / MICROS);
    assertThat(r.ok()).isEqualTo(200);
    assertThat(r.failures()).isZero();
    assertThat(r.achievedRate()).isCloseTo(100, within(1.0));
    // The sender itself was held up for the requests due during the stall.
    assertThat(r.lateSends()).isBetween(98L, 100L);
  }

  @Test
  void withoutAStallEveryRequestIsOnTimeAndLatencyIsTheServiceTime() throws Exception {
    VirtualTicker ticker = new VirtualTicker();
    Target client = i -> {
      ticker.advance(250 * MICROS);
      return CompletableFuture.completedFuture(200);
    };
    RunResult r = new OpenLoopRunner(client, ticker, 1, Duration.ofSeconds(1))
        .run(new Schedule(1000, Duration.ofSeconds(1)), 0);
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(1000);
    assertThat(r.latencyMicros().getMinValue()).isEqualTo(250);
    assertThat(r.maxMicros()).isEqualTo(250);
    assertThat(r.lateSends()).isZero();
  }

  @Test
  void countsStatusesAndErrorsSeparately() throws Exception {
    VirtualTicker ticker = new VirtualTicker();
    Target client = i -> switch ((int) (i % 5)) {
      case 0 -> CompletableFuture.completedFuture(200);
      case 1 -> CompletableFuture.completedFuture(429);
      case 2 -> CompletableFuture.completedFuture(503);
      case 3 -> CompletableFuture.completedFuture(400);
      default -> CompletableFuture.failedFuture(new java.io.IOException("connection reset"));
    };
    RunResult r = new OpenLoopRunner(client, ticker, 4, Duration.ofSeconds(1))
        .run(new Schedule(50, Duration.ofSeconds(2)), 0);
    assertThat(r.scheduled()).isEqualTo(100);
    assertThat(r.ok()).isEqualTo(20);
    assertThat(r.tooManyRequests()).isEqualTo(20);
    assertThat(r.unavailable()).isEqualTo(20);
    assertThat(r.otherStatus()).isEqualTo(20);
    assertThat(r.transportErrors()).isEqualTo(20);
    assertThat(r.unfinished()).isZero();
    assertThat(r.failures()).isEqualTo(80);
  }

  @Test
  void requestsWithoutAnAnswerAreCountedAsUnfinished() throws Exception {
    VirtualTicker ticker = new VirtualTicker();
    Target client = i -> i == 3 ? new CompletableFuture<>() : CompletableFuture.completedFuture(200);
    RunResult r = new OpenLoopRunner(client, ticker, 8, Duration.ZERO)
        .run(new Schedule(10, Duration.ofSeconds(1)), 0);
    assertThat(r.unfinished()).isEqualTo(1);
    assertThat(r.ok()).isEqualTo(9);
    assertThat(r.latencyMicros().getTotalCount()).isEqualTo(9);
  }
}
