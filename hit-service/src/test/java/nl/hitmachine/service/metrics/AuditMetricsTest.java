package nl.hitmachine.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import nl.hitmachine.service.MutableClock;
import org.junit.jupiter.api.Test;

/** Group commits and the checkpoint lag, on a test clock. */
class AuditMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong treeSize = new AtomicLong();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
  private final AuditMetrics metrics = new AuditMetrics(registry, treeSize::get, clock);

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  @Test
  void checkpointLag_isTheUnsignedEntries_andHowLongSinceTheLastCheckpoint() {
    assertThat(gauge("hitmachine.checkpoint.lag.entries")).isZero();
    assertThat(gauge("hitmachine.checkpoint.lag.seconds")).as("nothing unsigned, no lag").isZero();

    treeSize.set(5);
    clock.advance(Duration.ofSeconds(4));
    assertThat(gauge("hitmachine.checkpoint.lag.entries")).isEqualTo(5);
    assertThat(gauge("hitmachine.checkpoint.lag.seconds")).as("no checkpoint yet: since start").isEqualTo(4);

    metrics.checkpointListener().accept(5);
    assertThat(gauge("hitmachine.checkpoint.lag.entries")).isZero();
    assertThat(gauge("hitmachine.checkpoint.lag.seconds")).isZero();

    treeSize.set(8);
    clock.advance(Duration.ofMillis(2500));
    assertThat(gauge("hitmachine.checkpoint.lag.entries")).isEqualTo(3);
    assertThat(gauge("hitmachine.checkpoint.lag.seconds")).isEqualTo(2.5);
    assertThat(gauge("hitmachine.audit.tree.size")).isEqualTo(8);
  }

  @Test
  void groupCommits_recordEntriesPerGroupAndForceTime() {
    metrics.committed(3, TimeUnit.MILLISECONDS.toNanos(2));
    metrics.committed(1, TimeUnit.MILLISECONDS.toNanos(4));
    assertThat(registry.get("hitmachine.audit.commit.entries").summary().count()).isEqualTo(2);
    assertThat(registry.get("hitmachine.audit.commit.entries").summary().totalAmount()).isEqualTo(4);
    assertThat(registry.get("hitmachine.audit.force.duration").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6);
  }
}
