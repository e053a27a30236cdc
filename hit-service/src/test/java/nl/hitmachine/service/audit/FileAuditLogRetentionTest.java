package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.merkle.MerkleTree;
import nl.hitmachine.service.audit.merkle.ProofVerifier;
import nl.hitmachine.service.audit.merkle.TreeHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Segments per period, removal of old segments, and a log that starts after entry 0. */
class FileAuditLogRetentionTest {
  private static final long SMALL = 1024; // about two lookup entries per segment

  @TempDir Path dir;

  static AuditEntry at(String time, int i) {
    AuditEntry e = AuditEntries.lookup(i);
    return new AuditEntry(Instant.parse(time), e.requestId(), e.clientId(), e.agency(), e.roles(), e.action(),
        e.outcome(), e.problemType(), e.purpose(), e.caseRef(), e.requestedBy(), e.subjects(), e.counts());
  }

  private FileAuditLog open() {
    return FileAuditLog.open(dir, ChannelOpener.DEFAULT, SMALL);
  }

  private List<Long> segmentStarts() throws IOException {
    List<Long> starts = new ArrayList<>();
    for (Segments.Segment s : Segments.list(dir)) {
      starts.add(s.firstSequence());
    }
    return starts;
  }

  /** Entries 0-1 in Jan 2020, 2-3 in Feb, 4-5 in Mar; each period in its own segment. */
  private void writeThreeMonths(FileAuditLog log) {
    String[] times = {"2020-01-10T00:00:00Z", "2020-01-31T23:59:59Z", "2020-02-01T00:00:00Z",
        "2020-02-02T00:00:00Z", "2020-03-05T00:00:00Z", "2020-03-06T00:00:00Z"};
    for (int i = 0; i < times.length; i++) {
      log.append(at(times[i], i)).join();
    }
  }

  @Test
  void append_laterPeriod_startsNewSegment_earlierTimeStaysInCurrent() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir)) { // 64 MiB: only periods roll
      log.append(at("2020-01-31T23:59:59.900Z", 0)).join();
      log.append(at("2020-02-01T00:00:00.100Z", 1)).join();
      log.append(at("2020-01-31T23:59:59.950Z", 2)).join(); // slightly earlier: stays
      log.append(at("2020-02-20T00:00:00Z", 3)).join();
    }
    assertThat(segmentStarts()).containsExactly(0L, 1L);
    try (FileAuditLog log = FileAuditLog.open(dir)) { // the period survives a restart
      log.append(at("2020-02-21T00:00:00Z", 4)).join();
      log.append(at("2020-03-01T00:00:00Z", 5)).join();
      assertThat(log.verify().ok()).isTrue();
    }
    assertThat(segmentStarts()).containsExactly(0L, 1L, 5L);
  }

  @Test
  void removableSegments_onlyWholePastPeriods_neverTheCurrentSegment() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      writeThreeMonths(log);
      assertThat(segmentStarts()).containsExactly(0L, 2L, 4L);
      assertThat(log.removableSegments(Instant.parse("2020-01-31T23:59:59Z")))
          .isEqualTo(new RemovableSegments(0, 0, 0));
      assertThat(log.removableSegments(Instant.parse("2020-02-01T00:00:00Z")))
          .isEqualTo(new RemovableSegments(0, 2, 1));
      assertThat(log.removableSegments(Instant.parse("2020-03-15T00:00:00Z")))
          .isEqualTo(new RemovableSegments(0, 4, 2));
      assertThat(log.removableSegments(Instant.parse("2099-01-01T00:00:00Z")))
          .as("the current segment stays however old").isEqualTo(new RemovableSegments(0, 4, 2));
    }
  }

  @Test
  void removeSegmentsBefore_keepsTreeProofsAndChain_readStartsAtFirstKept() throws Exception {
    TreeHead before;
    List<byte[]> leaves = new ArrayList<>();
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
      before = log.treeHead();
      for (int i = 0; i < 6; i++) {
        leaves.add(log.leafHashes().get(i));
      }
      log.removeSegmentsBefore(4);
      assertThat(log.firstSequence()).isEqualTo(4);
      assertThat(log.verify()).isEqualTo(new AuditVerification(6, -1, null, 4));
      log.append(at("2020-03-07T00:00:00Z", 6)).join();
    }
    assertThat(segmentStarts()).containsExactly(4L, 6L); // 6: the size limit
    try (FileAuditLog log = open()) {
      assertThat(log.firstSequence()).isEqualTo(4);
      assertThat(log.size()).isEqualTo(7);
      assertThat(log.verify()).isEqualTo(new AuditVerification(7, -1, null, 4));
      try (Stream<StoredAuditEntry> read = log.read(0)) {
        assertThat(read.map(StoredAuditEntry::sequence)).containsExactly(4L, 5L, 6L);
      }
      MerkleTree tree = new MerkleTree(log.leafHashes());
      assertThat(tree.root(6)).isEqualTo(before.root());
      for (int i = 0; i < 6; i++) {
        assertThat(log.leafHashes().get(i)).isEqualTo(leaves.get(i));
      }
      // A kept entry's inclusion proof verifies against the root signed before the removal.
      ProofVerifier.verifyInclusion(5, 6, log.leafHashes().get(5), tree.inclusionProof(5, 6), before.root());
    }
  }

  @Test
  void read_startedBeforeARemoval_startsAtTheFirstKeptEntry() throws Exception {
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
      try (Stream<StoredAuditEntry> read = log.read(0)) { // segments listed, none opened yet
        log.removeSegmentsBefore(4);
        assertThat(read.map(StoredAuditEntry::sequence)).containsExactly(4L, 5L);
      }
    }
  }

  @Test
  void removeSegmentsBefore_notASegmentStart_isRefused_andDeletesNothing() throws Exception {
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
      assertThatThrownBy(() -> log.removeSegmentsBefore(3)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> log.removeSegmentsBefore(6)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(segmentStarts()).containsExactly(0L, 2L, 4L);
  }

  @Test
  void open_afterCrashMidRemoval_prefixDeleted_opensAndVerifies() throws Exception {
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
    }
    Files.delete(dir.resolve(Segments.fileName(0))); // the first of two deletions happened
    try (FileAuditLog log = open()) {
      assertThat(log.firstSequence()).isEqualTo(2);
      assertThat(log.verify()).isEqualTo(new AuditVerification(6, -1, null, 2));
      log.removeSegmentsBefore(4); // the next run finishes the job
      assertThat(log.verify()).isEqualTo(new AuditVerification(6, -1, null, 4));
    }
  }

  @Test
  void open_leafFileShortForRemovedEntries_failsRatherThanInventingLeaves() throws Exception {
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
      log.removeSegmentsBefore(4);
    }
    try (FileChannel leaf = FileChannel.open(dir.resolve(FileAuditLog.LEAF_FILE), StandardOpenOption.WRITE)) {
      leaf.truncate(3 * 32);
    }
    assertThatThrownBy(this::open)
        .isInstanceOf(AuditLogCorruptedException.class)
        .hasMessageContaining("removed by retention")
        .hasMessageContaining(FileAuditLog.LEAF_FILE);
    Files.delete(dir.resolve(FileAuditLog.LEAF_FILE));
    assertThatThrownBy(this::open).isInstanceOf(AuditLogCorruptedException.class);
  }

  @Test
  void open_leafFileShortOnlyForKeptEntries_recomputesThemFromFirstKept() throws Exception {
    TreeHead head;
    try (FileAuditLog log = open()) {
      writeThreeMonths(log);
      head = log.treeHead();
      log.removeSegmentsBefore(4);
    }
    try (FileChannel leaf = FileChannel.open(dir.resolve(FileAuditLog.LEAF_FILE), StandardOpenOption.WRITE)) {
      leaf.truncate(4 * 32 + 7);
    }
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(head);
    }
  }
}
