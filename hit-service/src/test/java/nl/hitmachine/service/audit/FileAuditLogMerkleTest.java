package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.merkle.InMemoryLeafHashes;
import nl.hitmachine.service.audit.merkle.MerkleHashes;
import nl.hitmachine.service.audit.merkle.MerkleTree;
import nl.hitmachine.service.audit.merkle.TreeHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit log as an RFC 6962 Merkle tree: leaves, tree heads, receipts and the leaf side file. */
class FileAuditLogMerkleTest {
  @TempDir Path dir;

  private FileAuditLog open() {
    return FileAuditLog.open(dir, ChannelOpener.DEFAULT, 2048); // a few records per segment
  }

  /** The payloads exactly as stored in the segments, parsed independently of the log. */
  private List<byte[]> storedPayloads() throws IOException {
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(f -> f.getFileName().toString().matches("audit-\\d{20}\\.log")).sorted().toList();
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Path segment : segments) {
      Records records = Records.of(segment);
      for (int r = 0; r < records.offsets().size(); r++) {
        payloads.add(Arrays.copyOfRange(records.bytes(), records.payloadStart(r), records.hashStart(r)));
      }
    }
    return payloads;
  }

  private void assertTreeMatchesStoredPayloads(FileAuditLog log) throws IOException {
    List<byte[]> payloads = storedPayloads();
    long n = payloads.size();
    assertThat(log.size()).isEqualTo(n);
    InMemoryLeafHashes expected = InMemoryLeafHashes.ofEntries(payloads);
    assertThat(log.leafHashes().size()).isEqualTo(n);
    for (long i = 0; i < n; i++) {
      assertThat(log.leafHashes().get(i)).as("leaf %d", i).isEqualTo(expected.get(i));
      assertThat(log.leafHashes().get(i)).isEqualTo(MerkleHashes.leafHash(payloads.get((int) i)));
    }
    TreeHead head = log.treeHead();
    assertThat(head).isEqualTo(new MerkleTree(expected).treeHead(n));
    if (n > 0) {
      assertThat(head.root()).isEqualTo(new MerkleTree(log.leafHashes()).root(n));
    }
    assertThat(Files.size(dir.resolve(FileAuditLog.LEAF_FILE))).isEqualTo(n * MerkleHashes.HASH_LENGTH);
  }

  @Test
  void emptyLog_hasTheEmptyTreeHead() throws IOException {
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(new TreeHead(0, MerkleHashes.emptyRoot()));
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void leafHashesAndRoot_equalTheMerkleTreeOverThePayloadsReadBack() throws IOException {
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 37);
      log.append(AuditEntries.registration(37)).join();
      assertThat(storedPayloads()).hasSize(38);
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.filter(f -> f.toString().endsWith(".log")).count()).isGreaterThan(3);
      }
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void receipts_carryATreeSizeThatCoversTheEntry() throws IOException {
    try (FileAuditLog log = open()) {
      List<AuditReceipt> receipts = FileAuditLogTest.appendAll(log, 0, 50);
      long previous = 0;
      for (AuditReceipt r : receipts) {
        assertThat(r.treeSize()).isGreaterThanOrEqualTo(r.sequence() + 1).isLessThanOrEqualTo(log.size());
        assertThat(r.treeSize()).isGreaterThanOrEqualTo(previous); // groups commit in order
        previous = r.treeSize();
      }
      assertThat(receipts.get(49).treeSize()).isEqualTo(50);
      AuditReceipt single = log.append(AuditEntries.lookup(50)).join();
      assertThat(single.sequence()).isEqualTo(50);
      assertThat(single.treeSize()).isEqualTo(51);
    }
  }

  @Test
  void reopen_keepsTheTreeAndAppendsGoOn() throws IOException {
    TreeHead before;
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 20);
      before = log.treeHead();
    }
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(before);
      FileAuditLogTest.appendAll(log, 20, 7);
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void groupCommit_forcesTheSegmentOnly_theLeafFileIsRecomputedOnOpenInstead() throws IOException {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
      FileAuditLogTest.appendAll(log, 0, 3);
      int before = disk.forceCount();
      log.append(AuditEntries.lookup(3)).join();
      assertThat(disk.forceCount() - before).as("fsyncs for one durable entry").isEqualTo(1);
    }
  }

  @Test
  void reopen_rebuildsATruncatedLeafFileFromTheSegments() throws IOException {
    TreeHead before;
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 30);
      before = log.treeHead();
    }
    try (FileChannel ch = FileChannel.open(dir.resolve(FileAuditLog.LEAF_FILE), StandardOpenOption.WRITE)) {
      ch.truncate(4L * MerkleHashes.HASH_LENGTH + 7); // torn in the middle of leaf 4
    }
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(before);
      assertTreeMatchesStoredPayloads(log);
      FileAuditLogTest.appendAll(log, 30, 3);
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void reopen_rebuildsAMissingLeafFile() throws IOException {
    TreeHead before;
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 25);
      before = log.treeHead();
    }
    Files.delete(dir.resolve(FileAuditLog.LEAF_FILE));
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(before);
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void reopen_repairsTheLastSegmentsLeavesAndCutsLeavesBeyondTheLog() throws IOException {
    TreeHead before;
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 12);
      before = log.treeHead();
    }
    Path leaves = dir.resolve(FileAuditLog.LEAF_FILE);
    byte[] bytes = Files.readAllBytes(leaves);
    bytes[bytes.length - 1] ^= 1; // the last leaf (in the last segment) was not written out
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 2 * MerkleHashes.HASH_LENGTH); // leaves of torn records
    Files.write(leaves, longer);
    try (FileAuditLog log = open()) {
      assertThat(log.treeHead()).isEqualTo(before);
      assertTreeMatchesStoredPayloads(log);
    }
  }

  @Test
  void reopen_afterATornSegmentTail_dropsItsLeafToo() throws IOException {
    try (FileAuditLog log = open()) {
      FileAuditLogTest.appendAll(log, 0, 9);
    }
    List<Path> segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(f -> f.toString().endsWith(".log")).sorted().toList();
    }
    Path last = segments.get(segments.size() - 1);
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5); // the last record is torn: never acknowledged
    }
    try (FileAuditLog log = open()) {
      assertThat(log.size()).isEqualTo(8);
      assertTreeMatchesStoredPayloads(log);
    }
  }
}
