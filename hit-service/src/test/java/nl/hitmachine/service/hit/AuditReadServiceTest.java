package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint file that cannot be read fails the read closed — and the failure is audited. */
class AuditReadServiceTest {
  private static final Caller OFFICER = new Caller("req-1",
      new Principal("fg-officer", "veiligheidshuis", Set.of(Role.PRIVACY_OFFICER), Set.of()));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void anUnreadableLatestCheckpoint_failsTheRead_andIsAuditedAsFailed() throws Exception {
    Path latest = Files.createDirectories(dir.resolve("checkpoints/latest.note")); // a directory: reading it fails
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("audit"))) {
      AuditReadService reads = new AuditReadService(new AuditTrail(log, CLOCK), log, latest);

      assertThatThrownBy(() -> reads.latestCheckpoint(OFFICER).join())
          .isInstanceOf(CompletionException.class).hasCauseInstanceOf(UncheckedIOException.class);

      try (Stream<StoredAuditEntry> entries = log.read(0)) {
        AuditEntry e = entries.reduce((a, b) -> b).orElseThrow().entry();
        assertThat(e.action()).isEqualTo(AuditAction.AUDIT_CHECKPOINT);
        assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(e.problemType()).isEqualTo("internal");
        assertThat(e.clientId()).isEqualTo("fg-officer");
      }
    }
  }
}
