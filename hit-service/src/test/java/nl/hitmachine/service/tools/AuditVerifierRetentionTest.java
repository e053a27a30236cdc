package nl.hitmachine.service.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.ChannelOpener;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.checkpoint.RetentionJob;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteSigner;
import nl.hitmachine.service.crypto.NoteVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit verify} on a log whose oldest segments were removed by retention. */
class AuditVerifierRetentionTest {
  private static final String ORIGIN = "test.hitmachine/audit";
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private Path auditDir;
  private Path checkpointDir;
  private NoteSigner signer;
  private NoteVerifier verifier;

  @BeforeEach
  void setUp() {
    auditDir = dir.resolve("data/audit");
    checkpointDir = auditDir.resolve("checkpoints");
    signer = new NoteSigner(NoteKeyFile.create(dir.resolve("keys/cp.key"), dir.resolve("keys/cp.pub"), ORIGIN, RANDOM));
    verifier = NoteKeyFile.loadVerifier(dir.resolve("keys/cp.pub"));
  }

  /**
   * Six entries, two each in Jan, Feb, Mar 2020 (one segment per month), optionally a checkpoint
   * of size 6, then retention at 2020-06-15 with 3 months: entries 0..3 removed, anchored at 4.
   */
  private void retainedLog(boolean checkpointAtSix) {
    MutableClock clock = new MutableClock(Instant.parse("2020-06-15T00:00:00Z"), ZoneId.of("UTC"));
    try (FileAuditLog log = FileAuditLog.open(auditDir, ChannelOpener.DEFAULT, FileAuditLog.DEFAULT_SEGMENT_BYTES)) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer, checkpointDir);
      for (int i = 0; i < 6; i++) {
        AuditEntry e = AuditEntries.lookup(i);
        log.append(new AuditEntry(Instant.parse("2020-0" + (1 + i / 2) + "-1" + i + "T00:00:00Z"), e.requestId(),
            e.clientId(), e.agency(), e.roles(), e.action(), e.outcome(), e.problemType(), e.purpose(), e.caseRef(),
            e.requestedBy(), e.subjects(), e.counts())).join();
      }
      if (checkpointAtSix) {
        publisher.publishIfGrown().orElseThrow();
      }
      new RetentionJob(log, publisher, clock, 3).run().orElseThrow();
    }
  }

  private AuditVerifier.Report verify() throws Exception {
    return new AuditVerifier(verifier).verify(auditDir, checkpointDir);
  }

  private Path anchorFile() {
    return checkpointDir.resolve(CheckpointPublisher.fileName(4));
  }

  @Test
  void retainedLog_verifies_andTheReportNamesTheAnchor() throws Exception {
    retainedLog(true);
    AuditVerifier.Report report = verify();
    assertThat(report.problems()).isEmpty();
    assertThat(report.removedByRetention()).isEqualTo(4);
    assertThat(report.retentionAnchorSize()).isEqualTo(4);

    StringWriter out = new StringWriter();
    int code = AuditCommand.run(new String[] {"verify", "--audit-dir", auditDir.toString(), "--verifier-key",
        dir.resolve("keys/cp.pub").toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isEqualTo(AuditVerifyCommand.VERIFIED);
    assertThat(out.toString())
        .contains("entries 0..3 removed by retention; anchored by checkpoint of size 4")
        .contains("VERIFIED");
  }

  @Test
  void anchorSignedWithAnotherKey_isRefused_andTheRemovedEntriesAreUnanchored() throws Exception {
    retainedLog(false);
    NoteSigner other = new NoteSigner(
        NoteKeyFile.create(dir.resolve("other/cp.key"), dir.resolve("other/cp.pub"), ORIGIN, RANDOM));
    Checkpoint anchor = verifier.verifyCheckpoint(Files.readAllBytes(anchorFile()));
    Files.writeString(anchorFile(), other.sign(anchor));

    AuditVerifier.Report report = verify();
    assertThat(report.problems()).extracting(AuditVerifier.Problem::kind).containsExactly(
        AuditVerifier.Problem.Kind.RETENTION_ANCHOR, AuditVerifier.Problem.Kind.CHECKPOINT_REFUSED);
    assertThat(report.problems().getFirst().message())
        .contains("entries 0..3 are not in the segments")
        .contains(CheckpointPublisher.fileName(4));
    assertThat(report.retentionAnchorSize()).isEqualTo(-1);
  }

  @Test
  void tamperedLeafHashOfARemovedEntry_failsTheAnchor() throws Exception {
    retainedLog(true);
    try (FileChannel leaves = FileChannel.open(auditDir.resolve(FileAuditLog.LEAF_FILE),
        StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      leaves.read(b, 40);
      b.put(0, (byte) (b.get(0) ^ 1));
      b.rewind();
      leaves.write(b, 40); // leaf 1, a removed entry
    }
    AuditVerifier.Report report = verify();
    assertThat(report.verified()).isFalse();
    assertThat(report.problems().getFirst().kind()).isEqualTo(AuditVerifier.Problem.Kind.RETENTION_ANCHOR);
    assertThat(report.problems().getFirst().message())
        .contains(FileAuditLog.LEAF_FILE + " was altered")
        .contains(CheckpointPublisher.fileName(4));
  }

  @Test
  void leafFileShorterThanTheRemovedEntries_isReported() throws Exception {
    retainedLog(true);
    try (FileChannel leaves = FileChannel.open(auditDir.resolve(FileAuditLog.LEAF_FILE), StandardOpenOption.WRITE)) {
      leaves.truncate(2 * 32);
    }
    AuditVerifier.Report report = verify();
    assertThat(report.problems()).extracting(AuditVerifier.Problem::kind)
        .containsExactly(AuditVerifier.Problem.Kind.RETENTION_ANCHOR);
    assertThat(report.problems().getFirst().message()).contains("holds only 2 of their leaf hashes");
  }

  /** Four entries, two in Jan and two in Feb 2020 (two segments), without retention. */
  private void twoMonths(boolean checkpointAtTwo) {
    try (FileAuditLog log = FileAuditLog.open(auditDir)) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer, checkpointDir);
      for (int i = 0; i < 4; i++) {
        AuditEntry e = AuditEntries.lookup(i);
        log.append(new AuditEntry(Instant.parse("2020-0" + (1 + i / 2) + "-01T00:00:00Z"), e.requestId(),
            e.clientId(), e.agency(), e.roles(), e.action(), e.outcome(), e.problemType(), e.purpose(), e.caseRef(),
            e.requestedBy(), e.subjects(), e.counts())).join();
        if (checkpointAtTwo && i == 1) {
          publisher.publishIfGrown().orElseThrow();
        }
      }
    }
  }

  @Test
  void segmentDeletedByHand_withoutAnyCheckpoint_isNotAnchoredNorRecorded() throws Exception {
    twoMonths(false);
    Files.createDirectories(checkpointDir);
    Files.delete(auditDir.resolve("audit-00000000000000000000.log"));

    AuditVerifier.Report report = verify();
    assertThat(report.removedByRetention()).isEqualTo(2);
    assertThat(report.problems()).extracting(AuditVerifier.Problem::kind).containsExactly(
        AuditVerifier.Problem.Kind.RETENTION_ANCHOR, AuditVerifier.Problem.Kind.UNRECORDED_REMOVAL);
    assertThat(report.problems().getFirst().message()).contains("without the retention anchor");
  }

  @Test
  void segmentDeletedByHand_atACheckpointSize_isReportedAsUnrecorded() throws Exception {
    twoMonths(true); // a checkpoint of size 2 happens to sit at the segment boundary
    Files.delete(auditDir.resolve("audit-00000000000000000000.log"));

    AuditVerifier.Report report = verify();
    assertThat(report.retentionAnchorSize()).isEqualTo(2);
    assertThat(report.problems()).extracting(AuditVerifier.Problem::kind)
        .containsExactly(AuditVerifier.Problem.Kind.UNRECORDED_REMOVAL);
    assertThat(report.problems().getFirst().message())
        .contains("entries 0..1 are not in the segments, but no audit-retention entry");
  }
}
