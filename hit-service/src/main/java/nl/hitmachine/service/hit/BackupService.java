package nl.hitmachine.service.hit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;

/**
 * An administrator's online backup: audited first ({@code admin-backup}), then taken into a new
 * directory under the configured backup directory. A backup that fails after its entry was written
 * is audited again as {@code failed}. Role {@link Role#ADMIN} only.
 *
 * <p>Blocking (waits for its audit entry, then copies the index checkpoint and the audit log): run
 * {@link #backup} on a worker pool; it holds that worker for the length of the copy.
 */
public final class BackupService {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("'backup-'yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Takes the backup into {@code target} (which does not exist yet). */
  @FunctionalInterface
  public interface Snapshotter {
    Taken take(Path target) throws IOException;
  }

  /** A finished backup: its directory name, the audit tree size it holds and its number of files. */
  public record Taken(String name, long auditTreeSize, int files) {}

  private final AuditTrail audit;
  private final Snapshotter snapshotter;
  private final Path directory;
  private final Clock clock;

  public BackupService(AuditTrail audit, Snapshotter snapshotter, Path directory, Clock clock) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.snapshotter = Objects.requireNonNull(snapshotter, "snapshotter");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public CompletableFuture<Taken> backup(Caller caller) {
    CompletableFuture<Taken> refused = RoleCheck.refused(audit, caller, AuditAction.ADMIN_BACKUP, Role.ADMIN);
    if (refused != null) {
      return refused;
    }
    Path target = directory.resolve(NAME.format(clock.instant()));
    try {
      // Audited before anything is copied; waited for here, on the worker, so the copy below never
      // runs on the audit writer's thread.
      audit.record(caller, AuditAction.ADMIN_BACKUP, AuditOutcome.OK, null, AuditTrail.Statement.NONE, List.of(),
          Map.of()).join();
    } catch (CompletionException e) {
      return CompletableFuture.failedFuture(AuditTrail.unwrap(e));
    }
    try {
      return CompletableFuture.completedFuture(snapshotter.take(target));
    } catch (IOException | RuntimeException e) {
      return audit.fail(caller, AuditAction.ADMIN_BACKUP,
          ProblemException.unavailable("the backup could not be written; see the service log", e), Map.of());
    }
  }
}
