package nl.hitmachine.service.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.RemovableSegments;
import nl.hitmachine.service.audit.merkle.CompactRange;
import nl.hitmachine.service.audit.merkle.TreeHead;

/**
 * Audit log retention: removes the segments of periods (UTC calendar months, {@link
 * nl.hitmachine.service.audit.AuditPeriod}) that ended at least {@code months} months ago, such that
 * the rest of the log stays verifiable. One {@link #run()}:
 *
 * <ol>
 *   <li><b>plan</b>: the removable prefix of segments ({@link FileAuditLog#removableSegments}):
 *       never the current segment, only whole segments, only a prefix;
 *   <li><b>log</b>: appends an {@code audit-retention} entry (the service as actor; counts {@code
 *       removedFromSequence}, {@code removedToSequence} (exclusive), {@code segments}) and waits
 *       until it is durable;
 *   <li><b>anchor</b>: makes sure the signed checkpoint of tree size {@code removedToSequence} —
 *       the first kept entry — is stored and on disk, signing it from the leaf hashes if missing
 *       ({@link CheckpointPublisher#ensureCheckpoint}). It proves the leaf hashes of the removed
 *       entries that stay in the leaf file;
 *   <li><b>delete</b>: deletes the segment files, oldest first ({@link
 *       FileAuditLog#removeSegmentsBefore}).
 * </ol>
 *
 * <p>Fail closed: if a step fails, later steps do not run, nothing more is deleted, and the next
 * run starts again from the plan (logging another entry). A crash between steps leaves a log that
 * opens and verifies: an entry or an anchor without deletion is harmless, and deletion goes oldest
 * first. Blocking: run it on its own thread, never on an event loop or the audit writer.
 */
public final class RetentionJob {
  private static final System.Logger LOG = System.getLogger(RetentionJob.class.getName());

  private final FileAuditLog log;
  private final CheckpointPublisher checkpoints;
  private final Clock clock;
  private final int months;

  /**
   * @param months how many months entries are kept after their period ended; at least 1
   */
  public RetentionJob(FileAuditLog log, CheckpointPublisher checkpoints, Clock clock, int months) {
    this.log = Objects.requireNonNull(log, "log");
    this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (months < 1) {
      throw new IllegalArgumentException("months must be at least 1 (0 means: keep forever, no job)");
    }
    this.months = months;
  }

  /** Entries of periods that ended at or before this instant are past retention. */
  Instant cutoff(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
  }

  /**
   * Runs all steps once.
   *
   * @return what was removed, or empty if nothing was past retention
   * @throws RetentionException if a step failed (nothing more was deleted; retry later)
   */
  public synchronized Optional<RemovableSegments> run() {
    RemovableSegments plan = plan();
    if (plan.isEmpty()) {
      return Optional.empty();
    }
    logDecision(plan);
    anchor(plan);
    delete(plan);
    LOG.log(System.Logger.Level.INFO, "audit retention removed entries {0}..{1} ({2} segments);"
        + " anchored by the checkpoint of tree size {3}", plan.fromSequence(), plan.toSequence() - 1,
        plan.segments(), plan.toSequence());
    return Optional.of(plan);
  }

  /** Step 1: the segments past retention now. */
  RemovableSegments plan() {
    try {
      return log.removableSegments(cutoff(clock.instant()));
    } catch (IOException | RuntimeException e) {
      throw new RetentionException("planning (reading the oldest segments) failed", e);
    }
  }

  /** Step 2: the audit entry for the removal, durable before anything is deleted. */
  void logDecision(RemovableSegments plan) {
    Instant now = clock.instant();
    AuditEntry entry = new AuditEntry(now, "retention-" + now, null, null, List.of(),
        AuditAction.AUDIT_RETENTION, AuditOutcome.OK, null, null, null, null, List.of(),
        Map.of("removedFromSequence", plan.fromSequence(), "removedToSequence", plan.toSequence(),
            "segments", (long) plan.segments()));
    try {
      log.append(entry).get();
    } catch (ExecutionException e) {
      throw new RetentionException("the retention audit entry could not be written", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetentionException("interrupted while writing the retention audit entry", e);
    }
  }

  /** Step 3: the signed checkpoint of tree size {@code plan.toSequence()}, stored and forced. */
  void anchor(RemovableSegments plan) {
    try {
      byte[] root = CompactRange.of(log.leafHashes(), plan.toSequence()).root();
      checkpoints.ensureCheckpoint(new TreeHead(plan.toSequence(), root));
    } catch (UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw new RetentionException("the anchor checkpoint of tree size " + plan.toSequence() + " could not be made", e);
    }
  }

  /** Step 4: delete the segment files. */
  void delete(RemovableSegments plan) {
    try {
      log.removeSegmentsBefore(plan.toSequence());
    } catch (IOException | RuntimeException e) {
      throw new RetentionException("deleting the segments before entry " + plan.toSequence() + " failed", e);
    }
  }

  /** A retention step failed; nothing after it ran. The message names no personal data. */
  public static final class RetentionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetentionException(String message, Throwable cause) {
      super("audit retention: " + message + " (nothing more deleted; retried at the next run)", cause);
    }
  }
}
