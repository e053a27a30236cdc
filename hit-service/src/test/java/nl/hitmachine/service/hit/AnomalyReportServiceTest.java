package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditLogCorruptedException;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditReceipt;
import nl.hitmachine.service.audit.AuditVerification;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.audit.merkle.LeafHashes;
import nl.hitmachine.service.audit.merkle.TreeHead;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The use case around the analyser: a log that cannot be read fails the report closed, audited. */
class AnomalyReportServiceTest {
  private static final Caller OFFICER = new Caller("req-1",
      new Principal("fg-officer", "veiligheidshuis", Set.of(Role.PRIVACY_OFFICER), Set.of()));
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void aLogThatCannotBeRead_failsTheReport_andTheFailureIsAudited() {
    try (FileAuditLog real = FileAuditLog.open(dir.resolve("audit"))) {
      AuditLog unreadable = new UnreadableLog(real);
      AnomalyReportService service = new AnomalyReportService(new AuditTrail(unreadable, CLOCK), unreadable,
          AnomalyRules.defaults());

      CompletableFuture<AnomalyReport> report =
          service.report(OFFICER, List.of("2026-11-16T00:00:00Z"), List.of("2026-11-23T00:00:00Z"));

      assertThatThrownBy(report::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(AuditLogCorruptedException.class);
      try (Stream<StoredAuditEntry> entries = real.read(0)) {
        AuditEntry e = entries.reduce((a, b) -> b).orElseThrow().entry();
        assertThat(e.action()).isEqualTo(AuditAction.AUDIT_ANOMALY_REPORT);
        assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(e.problemType()).isEqualTo("internal");
        assertThat(e.clientId()).isEqualTo("fg-officer");
      }
    }
  }

  @Test
  void aReport_coversTheEntriesReadAtItsStart() {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("audit"))) {
      log.append(AnomalyTraffic.lookup(Instant.parse("2026-11-17T10:00:00Z"), "politie-querier", null, "a1.x")).join();
      AnomalyReportService service = new AnomalyReportService(new AuditTrail(log, CLOCK), log, AnomalyRules.defaults());

      AnomalyReport report =
          service.report(OFFICER, List.of("2026-11-16T00:00:00Z"), List.of("2026-11-23T00:00:00Z")).join();

      assertThat(report.treeSize()).isEqualTo(1);
      assertThat(report.totals().lookups()).isEqualTo(1);
      assertThat(log.size()).isEqualTo(2); // the report's own audit entry
    }
  }

  /** The real log, except that reading it fails as if an entry were damaged. */
  private record UnreadableLog(AuditLog log) implements AuditLog {
    @Override
    public CompletableFuture<AuditReceipt> append(AuditEntry entry) {
      return log.append(entry);
    }

    @Override
    public long size() {
      return log.size();
    }

    @Override
    public TreeHead treeHead() {
      return log.treeHead();
    }

    @Override
    public LeafHashes leafHashes() {
      return log.leafHashes();
    }

    @Override
    public Stream<StoredAuditEntry> read(long fromSequence) {
      throw new AuditLogCorruptedException(0, "damaged for the test");
    }

    @Override
    public boolean isWritable() {
      return log.isWritable();
    }

    @Override
    public AuditVerification verify() {
      return log.verify();
    }

    @Override
    public void close() {}
  }
}
