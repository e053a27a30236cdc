package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.audit.merkle.ProofVerifier;
import nl.hitmachine.service.checkpoint.CheckpointKeys;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteSigner;
import nl.hitmachine.service.crypto.NoteVerifier;
import nl.hitmachine.service.tools.AuditVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running service removes audit periods past {@code audit.retention.months} (default 60): an
 * old log (Jan and Feb 2020, then Nov 2026) meets a clock at 2026-11-23.
 */
class AuditRetentionIT {
  private static final String ORIGIN = "test.hitmachine/audit"; // TestService's origin

  @TempDir Path dir;

  private static AuditEntry at(String time, int i) {
    AuditEntry e = AuditEntries.lookup(i);
    return new AuditEntry(Instant.parse(time), e.requestId(), e.clientId(), e.agency(), e.roles(), e.action(),
        e.outcome(), e.problemType(), e.purpose(), e.caseRef(), e.requestedBy(), e.subjects(), e.counts());
  }

  @Test
  void service_removesPeriodsPastRetention_proofsOfKeptEntriesStillVerify_andAuditVerifyPasses() throws Exception {
    Path auditDir = dir.resolve("data/audit");
    Path verifierFile = dir.resolve("keys/checkpoint.pub");
    NoteSigner signer = new NoteSigner(CheckpointKeys.load(dir.resolve("keys/checkpoint.key"), verifierFile, ORIGIN,
        true, new SecureRandom()));
    NoteVerifier verifier = NoteKeyFile.loadVerifier(verifierFile);
    Checkpoint before;
    try (FileAuditLog log = FileAuditLog.open(auditDir)) {
      String[] times = {"2020-01-05T00:00:00Z", "2020-01-06T00:00:00Z", "2020-02-05T00:00:00Z",
          "2020-02-06T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"};
      for (int i = 0; i < times.length; i++) {
        log.append(at(times[i], i)).join();
      }
      String note = new CheckpointPublisher(log::treeHead, ORIGIN, signer, auditDir.resolve("checkpoints"))
          .publishIfGrown().orElseThrow();
      before = verifier.verifyCheckpoint(note.getBytes());
    }

    try (TestService s = TestService.start(dir)) {
      // The job ran at start on its own thread (or runs now; runs are serialised): Jan and Feb 2020
      // ended more than 60 months before 2026-11-23, November 2026 is the current segment.
      s.service.retentionJob().orElseThrow().run();
      FileAuditLog log = (FileAuditLog) s.service.auditLog();
      assertThat(log.firstSequence()).isEqualTo(4);
      try (Stream<StoredAuditEntry> entries = log.read(0)) {
        List<StoredAuditEntry> kept = entries.toList();
        assertThat(kept.getFirst().sequence()).isEqualTo(4);
        assertThat(kept).anyMatch(e -> e.entry().action() == nl.hitmachine.service.audit.AuditAction.AUDIT_RETENTION);
      }

      HttpResponse<String> r = s.get("/v1/audit/proofs/inclusion?sequence=5&treeSize=6", PRIVACY_OFFICER);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonObject body = new JsonObject(r.body());
      List<byte[]> proof =
          body.getJsonArray("proof").stream().map(h -> Base64.getDecoder().decode((String) h)).toList();
      ProofVerifier.verifyInclusion(5, 6, Base64.getDecoder().decode(body.getString("leafHash")), proof,
          before.rootHash());
    }

    assertThat(Files.exists(auditDir.resolve("audit-00000000000000000000.log"))).isFalse();
    AuditVerifier.Report report = new AuditVerifier(verifier).verify(auditDir, auditDir.resolve("checkpoints"));
    assertThat(report.problems()).isEmpty();
    assertThat(report.removedByRetention()).isEqualTo(4);
    assertThat(report.retentionAnchorSize()).isEqualTo(4);
  }
}
