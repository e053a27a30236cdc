package nl.hitmachine.service.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.ChannelOpener;
import nl.hitmachine.service.audit.FaultyDisk;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.RemovableSegments;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.audit.merkle.MerkleTree;
import nl.hitmachine.service.audit.merkle.ProofVerifier;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteSigner;
import nl.hitmachine.service.crypto.NoteVerifier;
import nl.hitmachine.service.tools.AuditVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {
  private static final String ORIGIN = "test.hitmachine/audit";
  private static final long SMALL = 1024; // about two lookup entries per segment

  @TempDir Path dir;
  private Path auditDir;
  private Path checkpointDir;
  private NoteSigner signer;
  private NoteVerifier verifier;
  private MutableClock clock;

  @BeforeEach
  void setUp() {
    auditDir = dir.resolve("data/audit");
    checkpointDir = auditDir.resolve("checkpoints");
    signer = new NoteSigner(NoteKeyFile.create(dir.resolve("keys/cp.key"), dir.resolve("keys/cp.pub"), ORIGIN,
        new SecureRandom()));
    verifier = NoteKeyFile.loadVerifier(dir.resolve("keys/cp.pub"));
    clock = new MutableClock(Instant.parse("2020-06-15T00:00:00Z"), ZoneId.of("Europe/Amsterdam"));
  }

  static AuditEntry at(Instant time, int i) {
    AuditEntry e = AuditEntries.lookup(i);
    return new AuditEntry(time, e.requestId(), e.clientId(), e.agency(), e.roles(), e.action(), e.outcome(),
        e.problemType(), e.purpose(), e.caseRef(), e.requestedBy(), e.subjects(), e.counts());
  }

  private FileAuditLog open() {
    return FileAuditLog.open(auditDir, ChannelOpener.DEFAULT, SMALL);
  }

  private CheckpointPublisher publisher(FileAuditLog log) {
    return new CheckpointPublisher(log::treeHead, ORIGIN, signer, checkpointDir);
  }

  /** Three entries in each month January..April 2020 (0-2 Jan, 3-5 Feb, 6-8 Mar, 9-11 Apr). */
  private static void writeFourMonths(FileAuditLog log) {
    for (int i = 0; i < 12; i++) {
      Instant time = Instant.parse("2020-0" + (1 + i / 3) + "-1" + (i % 3) + "T12:00:00Z");
      log.append(at(time, i)).join();
    }
  }

  private List<String> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(auditDir)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("audit-")).sorted().toList();
    }
  }

  private AuditVerifier.Report tool() throws Exception {
    return new AuditVerifier(verifier).verify(auditDir, checkpointDir);
  }

  @Test
  void run_pastRetention_logsAnchorsThenRemoves_andTheLogStaysVerifiable() throws Exception {
    byte[] rootBefore;
    try (FileAuditLog log = open()) {
      writeFourMonths(log);
      String note = publisher(log).publishIfGrown().orElseThrow(); // size 12, before the removal
      rootBefore = verifier.verifyCheckpoint(note.getBytes()).rootHash();
      assertThat(Files.exists(checkpointDir.resolve(CheckpointPublisher.fileName(6)))).isFalse();

      // cutoff 2020-03-15: January and February ended before it, March did not
      Optional<RemovableSegments> removed = new RetentionJob(log, publisher(log), clock, 3).run();

      assertThat(removed).contains(new RemovableSegments(0, 6, 4));
      assertThat(segmentFiles()).allMatch(n -> n.compareTo("audit-00000000000000000006.log") >= 0);
      Checkpoint anchor = verifier.verifyCheckpoint(
          Files.readAllBytes(checkpointDir.resolve(CheckpointPublisher.fileName(6))));
      assertThat(anchor.rootHash()).isEqualTo(new MerkleTree(log.leafHashes()).root(6));
      try (Stream<StoredAuditEntry> entries = log.read(12)) {
        AuditEntry logged = entries.findFirst().orElseThrow().entry();
        assertThat(logged.action()).isEqualTo(AuditAction.AUDIT_RETENTION);
        assertThat(logged.clientId()).isNull();
        assertThat(logged.agency()).isNull();
        assertThat(logged.requestId()).startsWith("retention-");
        assertThat(logged.counts()).isEqualTo(
            Map.of("removedFromSequence", 0L, "removedToSequence", 6L, "segments", 4L));
      }
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.verify().firstSequence()).isEqualTo(6);
      assertThat(new RetentionJob(log, publisher(log), clock, 3).run()).as("nothing more is due").isEmpty();
      assertThat(log.size()).isEqualTo(13);
    }
    try (FileAuditLog log = open()) {
      assertThat(log.verify().ok()).isTrue();
      try (Stream<StoredAuditEntry> entries = log.read(0)) {
        assertThat(entries.findFirst().orElseThrow().sequence()).isEqualTo(6);
      }
      MerkleTree tree = new MerkleTree(log.leafHashes());
      ProofVerifier.verifyInclusion(7, 12, log.leafHashes().get(7), tree.inclusionProof(7, 12), rootBefore);
    }
    AuditVerifier.Report report = tool();
    assertThat(report.problems()).isEmpty();
    assertThat(report.removedByRetention()).isEqualTo(6);
    assertThat(report.retentionAnchorSize()).isEqualTo(6);
    assertThat(report.entries()).isEqualTo(13);
  }

  @Test
  void run_retentionNotPassed_removesAndLogsNothing() throws Exception {
    clock = new MutableClock(Instant.parse("2020-04-30T00:00:00Z"), ZoneId.of("UTC")); // cutoff 2020-01-30
    try (FileAuditLog log = open()) {
      writeFourMonths(log);
      List<String> before = segmentFiles();
      assertThat(new RetentionJob(log, publisher(log), clock, 3).run()).isEmpty();
      assertThat(segmentFiles()).isEqualTo(before);
      assertThat(log.size()).isEqualTo(12);
      assertThat(checkpointDir).doesNotExist();
    }
  }

  @Test
  void run_currentSegmentIsNeverRemoved_howeverOld() throws Exception {
    clock = new MutableClock(Instant.parse("2035-01-01T00:00:00Z"), ZoneId.of("UTC"));
    try (FileAuditLog log = FileAuditLog.open(auditDir)) { // 64 MiB: January in one segment
      for (int i = 0; i < 3; i++) {
        log.append(at(Instant.parse("2020-01-0" + (i + 1) + "T00:00:00Z"), i)).join();
      }
      assertThat(new RetentionJob(log, publisher(log), clock, 1).run()).isEmpty();
      assertThat(segmentFiles()).containsExactly("audit-00000000000000000000.log");
    }
  }

  @Test
  void run_storedAnchorContradictsTheTree_failsClosed_andDeletesNothing() throws Exception {
    try (FileAuditLog log = open()) {
      writeFourMonths(log);
      List<String> before = segmentFiles();
      Files.createDirectories(checkpointDir);
      Files.writeString(checkpointDir.resolve(CheckpointPublisher.fileName(6)),
          signer.sign(new Checkpoint(ORIGIN, 6, new byte[32])));
      RetentionJob job = new RetentionJob(log, publisher(log), clock, 3);

      assertThatThrownBy(job::run)
          .isInstanceOf(RetentionJob.RetentionException.class)
          .hasMessageContaining("anchor checkpoint of tree size 6")
          .hasMessageContaining("nothing more deleted");
      assertThat(segmentFiles()).as("only the retention entry's new segment was added").containsAll(before)
          .hasSize(before.size() + 1);
      assertThat(log.verify().ok()).isTrue();
    }
  }

  @Test
  void run_retentionEntryCannotBeWritten_failsClosed_noAnchorNoDeletion() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    List<String> before;
    try (FileAuditLog log = FileAuditLog.open(auditDir, disk, SMALL)) {
      writeFourMonths(log);
      before = segmentFiles();
      disk.failWrites();
      RetentionJob job = new RetentionJob(log, publisher(log), clock, 3);

      assertThatThrownBy(job::run)
          .isInstanceOf(RetentionJob.RetentionException.class)
          .hasMessageContaining("retention audit entry could not be written");
      assertThat(segmentFiles()).as("nothing deleted (the failed roll may leave a new file)").containsAll(before);
      assertThat(checkpointDir.resolve(CheckpointPublisher.fileName(6))).doesNotExist();
      disk.heal();
    }
    try (FileAuditLog log = open()) {
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.firstSequence()).isZero();
    }
  }

  @Test
  void crashBetweenSteps_everyStateReopensAndVerifies() throws Exception {
    RemovableSegments plan;
    try (FileAuditLog log = open()) {
      writeFourMonths(log);
      publisher(log).publishIfGrown();
      RetentionJob job = new RetentionJob(log, publisher(log), clock, 3);
      plan = job.plan();
      job.logDecision(plan); // crash after the entry
    }
    try (FileAuditLog log = open()) {
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.size()).isEqualTo(13);
      RetentionJob job = new RetentionJob(log, publisher(log), clock, 3);
      assertThat(job.plan()).isEqualTo(plan);
      job.anchor(plan); // crash after the anchor
    }
    assertThat(tool().problems()).isEmpty();
    assertThat(tool().removedByRetention()).isZero();
    // crash after the first of the four deletions
    Files.delete(auditDir.resolve(segmentFiles().getFirst()));
    try (FileAuditLog log = open()) {
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.firstSequence()).isEqualTo(2);
    }
    AuditVerifier.Report partial = tool();
    assertThat(partial.problems()).isEmpty();
    assertThat(partial.removedByRetention()).isEqualTo(2);
    assertThat(partial.retentionAnchorSize()).as("the next signed checkpoint anchors them").isEqualTo(6);
    try (FileAuditLog log = open()) { // the next run finishes
      assertThat(new RetentionJob(log, publisher(log), clock, 3).run()).contains(new RemovableSegments(2, 6, 3));
      assertThat(log.verify().ok()).isTrue();
    }
    assertThat(tool().problems()).isEmpty();
    assertThat(tool().retentionAnchorSize()).isEqualTo(6);
  }
}
