package nl.hitmachine.service.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import nl.hitmachine.service.audit.AuditCommitListener;

/**
 * The audit log's group commits (entries per group, force latency), its tree size, and how far
 * the signed checkpoints lag behind it.
 */
final class AuditMetrics implements AuditCommitListener {
  private static final Duration[] FORCE_BUCKETS = {
      Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
      Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofSeconds(1)};
  private static final double[] GROUP_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

  private final Clock clock;
  private final LongSupplier treeSize;
  private final DistributionSummary commitEntries;
  private final Timer forceDuration;
  private final Instant started;
  private volatile long signedSize;
  private volatile Instant signedAt;

  /**
   * @param treeSize the audit log's durable tree size (an in-memory read)
   * @param clock the service clock, for the checkpoint lag in seconds
   */
  AuditMetrics(MeterRegistry registry, LongSupplier treeSize, Clock clock) {
    this.clock = clock;
    this.treeSize = treeSize;
    this.started = clock.instant();
    this.commitEntries = DistributionSummary.builder("hitmachine.audit.commit.entries")
        .description("Entries made durable per audit group commit (one write and one force each)")
        .serviceLevelObjectives(GROUP_BUCKETS)
        .register(registry);
    this.forceDuration = Timer.builder("hitmachine.audit.force.duration")
        .description("Time of the audit segment force (fsync) of one group commit")
        .serviceLevelObjectives(FORCE_BUCKETS)
        .minimumExpectedValue(FORCE_BUCKETS[0])
        .maximumExpectedValue(FORCE_BUCKETS[FORCE_BUCKETS.length - 1])
        .register(registry);
    Gauge.builder("hitmachine.audit.tree.size", treeSize::getAsLong)
        .description("Durable entries in the audit log (the Merkle tree size)")
        .register(registry);
    Gauge.builder("hitmachine.checkpoint.lag.entries", this, AuditMetrics::lagEntries)
        .description("Durable audit entries not yet covered by a signed checkpoint")
        .register(registry);
    Gauge.builder("hitmachine.checkpoint.lag.seconds", this, AuditMetrics::lagSeconds)
        .description("While entries are not covered: seconds since the last signed checkpoint (or start); else 0")
        .register(registry);
  }

  @Override
  public void committed(int entries, long forceNanos) {
    commitEntries.record(entries);
    forceDuration.record(forceNanos, TimeUnit.NANOSECONDS);
  }

  /** For {@code CheckpointPublisher.onPublished}: a checkpoint of {@code size} was signed and stored. */
  LongConsumer checkpointListener() {
    return size -> {
      signedAt = clock.instant();
      signedSize = size;
    };
  }

  private double lagEntries() {
    return Math.max(0, treeSize.getAsLong() - signedSize);
  }

  private double lagSeconds() {
    if (lagEntries() == 0) {
      return 0;
    }
    Instant since = signedAt == null ? started : signedAt;
    return Math.max(0, Duration.between(since, clock.instant()).toMillis() / 1000.0);
  }
}
