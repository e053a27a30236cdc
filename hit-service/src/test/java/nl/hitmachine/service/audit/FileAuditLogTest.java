package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAuditLogTest {

  @TempDir Path dir;

  static List<AuditReceipt> appendAll(AuditLog log, int from, int count) {
    List<CompletableFuture<AuditReceipt>> futures = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      futures.add(log.append(AuditEntries.lookup(i)));
    }
    return futures.stream().map(CompletableFuture::join).toList();
  }

  /** hash_n = SHA-256(hash_{n-1} ‖ canonical payload_n), computed independently of the log. */
  static String chainHash(String previousHex, long seq, AuditEntry entry) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(HexFormat.of().parseHex(previousHex));
    sha.update(AuditEntryCodec.encode(seq, entry));
    return HexFormat.of().formatHex(sha.digest());
  }

  static final String GENESIS = "00".repeat(32);

  @Test
  void open_emptyDirectory_createsFirstSegmentWithGenesisHeader() throws IOException {
    Path logDir = dir.resolve("nested/audit");

    try (FileAuditLog log = FileAuditLog.open(logDir)) {
      assertThat(log.size()).isZero();
      assertThat(log.isWritable()).isTrue();
      assertThat(log.verify()).isEqualTo(new AuditVerification(0, -1, null));
    }
    Path segment = logDir.resolve("audit-00000000000000000000.log");
    byte[] bytes = Files.readAllBytes(segment);
    assertThat(bytes).hasSize(52);
    assertThat(new String(bytes, 0, 8, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("HMAUDLOG");
    assertThat(ByteBuffer.wrap(bytes, 8, 12).getInt()).isEqualTo(1);
    assertThat(ByteBuffer.wrap(bytes, 12, 8).getLong()).isZero();
    assertThat(java.util.Arrays.copyOfRange(bytes, 20, 52)).containsOnly(0);
  }

  @Test
  void append_severalEntries_receiptsAreDenseAndHashChained() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      List<AuditReceipt> receipts = appendAll(log, 0, 20);

      String previous = GENESIS;
      for (int i = 0; i < receipts.size(); i++) {
        assertThat(receipts.get(i).sequence()).isEqualTo(i);
        assertThat(receipts.get(i).entryHash())
            .isEqualTo(chainHash(previous, i, AuditEntries.lookup(i)));
        previous = receipts.get(i).entryHash();
      }
      assertThat(log.size()).isEqualTo(20);
    }
  }

  @Test
  void open_afterClose_continuesSequenceAndChain() throws Exception {
    List<AuditReceipt> first;
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      first = appendAll(log, 0, 3);
    }

    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.size()).isEqualTo(3);
      AuditReceipt next = log.append(AuditEntries.lookup(3)).join();

      assertThat(next.sequence()).isEqualTo(3);
      assertThat(next.entryHash())
          .isEqualTo(chainHash(first.get(2).entryHash(), 3, AuditEntries.lookup(3)));
      assertThat(log.verify().ok()).isTrue();
      assertThat(log.verify().entries()).isEqualTo(4);
    }
  }

  @Test
  void read_fromSequence_returnsStoredEntriesWithTheirReceipts() {
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      List<AuditReceipt> receipts = appendAll(log, 0, 10);
      log.append(AuditEntries.registration(10)).join();

      try (Stream<StoredAuditEntry> all = log.read(0)) {
        List<StoredAuditEntry> entries = all.toList();
        assertThat(entries).hasSize(11);
        assertThat(entries.get(4).entry()).isEqualTo(AuditEntries.lookup(4));
        assertThat(entries.get(10).entry()).isEqualTo(AuditEntries.registration(10));
        assertThat(entries.subList(0, 10).stream().map(e -> e.sequence() + " " + e.entryHash()))
            .containsExactlyElementsOf(receipts.stream().map(r -> r.sequence() + " " + r.entryHash()).toList());
      }
      try (Stream<StoredAuditEntry> tail = log.read(7)) {
        assertThat(tail.map(StoredAuditEntry::sequence)).containsExactly(7L, 8L, 9L, 10L);
      }
      try (Stream<StoredAuditEntry> none = log.read(11)) {
        assertThat(none).isEmpty();
      }
    }
  }

  @Test
  void append_manyConcurrentAppendsBehindACommit_shareOneForce() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk);
        ExecutorService pool = Executors.newFixedThreadPool(8)) {
      long syncsBefore = log.syncCount();
      disk.holdNextForce();
      CompletableFuture<AuditReceipt> first = log.append(AuditEntries.lookup(0));
      disk.awaitForceHeld(Duration.ofSeconds(5)); // the writer is inside the first group's force

      List<Future<List<CompletableFuture<AuditReceipt>>>> submitted = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int base = 1 + t * 50;
        submitted.add(
            pool.submit(
                () -> {
                  List<CompletableFuture<AuditReceipt>> mine = new ArrayList<>();
                  for (int i = base; i < base + 50; i++) {
                    mine.add(log.append(AuditEntries.lookup(i)));
                  }
                  return mine;
                }));
      }
      List<CompletableFuture<AuditReceipt>> rest = new ArrayList<>();
      for (Future<List<CompletableFuture<AuditReceipt>>> f : submitted) {
        rest.addAll(f.get()); // every append has been enqueued
      }
      assertThat(first).isNotDone();
      assertThat(rest).noneMatch(CompletableFuture::isDone);
      disk.releaseForces();

      assertThat(first.join().sequence()).isZero();
      List<Long> sequences = rest.stream().map(f -> f.join().sequence()).sorted().toList();
      assertThat(sequences).hasSize(400).first().isEqualTo(1L);
      assertThat(sequences.get(399)).isEqualTo(400L);
      assertThat(sequences).doesNotHaveDuplicates();
      assertThat(log.syncCount() - syncsBefore).isEqualTo(2); // 401 appends, 2 forces
      assertThat(log.verify().ok()).isTrue();
    }
  }

  @Test
  void append_forceFails_failsClosed() {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
      log.append(AuditEntries.lookup(0)).join();
      disk.failForces();

      CompletableFuture<AuditReceipt> failed = log.append(AuditEntries.lookup(1));

      assertThatThrownBy(failed::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("force")
          .hasMessageNotContaining("req-")
          .hasRootCauseMessage("injected force failure");
      assertThat(log.isWritable()).isFalse();
      assertThat(log.size()).isEqualTo(1);

      disk.heal(); // even a healed disk is not trusted until the log is reopened
      CompletableFuture<AuditReceipt> later = log.append(AuditEntries.lookup(2));
      assertThat(later).isCompletedExceptionally();
      assertThatThrownBy(later::join).cause().isInstanceOf(AuditUnavailableException.class);
    }
  }

  @Test
  void append_writeFails_failsClosed() {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
      disk.failWrites();

      CompletableFuture<AuditReceipt> failed = log.append(AuditEntries.lookup(0));

      assertThatThrownBy(failed::join)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("write to audit-00000000000000000000.log");
      assertThat(log.isWritable()).isFalse();
      assertThat(log.append(AuditEntries.lookup(1))).isCompletedExceptionally();
    }
  }

  @Test
  void append_forceFailsWithEntriesQueued_failsTheGroupAndEveryQueuedEntry() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
      disk.holdNextForce();
      CompletableFuture<AuditReceipt> inFlight = log.append(AuditEntries.lookup(0));
      disk.awaitForceHeld(Duration.ofSeconds(5));
      List<CompletableFuture<AuditReceipt>> queued = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        queued.add(log.append(AuditEntries.lookup(i)));
      }
      disk.failForces();
      disk.releaseForces();

      assertThatThrownBy(inFlight::join).cause().isInstanceOf(AuditUnavailableException.class);
      for (CompletableFuture<AuditReceipt> f : queued) {
        assertThatThrownBy(f::join).cause().isInstanceOf(AuditUnavailableException.class);
      }
      assertThat(log.isWritable()).isFalse();
      assertThat(log.size()).isZero();
    }
  }

  @Test
  void open_afterFailedForce_recoversAndVerifies() {
    FaultyDisk disk = new FaultyDisk();
    try (FileAuditLog log = FileAuditLog.open(dir, disk)) {
      appendAll(log, 0, 3);
      disk.failForces();
      assertThat(log.append(AuditEntries.lookup(3))).failsWithin(Duration.ofSeconds(5));
    }

    try (FileAuditLog log = FileAuditLog.open(dir)) {
      // The failed entry reached the page cache, so it may be kept: over-report, never under.
      assertThat(log.size()).isBetween(3L, 4L);
      assertThat(log.isWritable()).isTrue();
      AuditReceipt next = log.append(AuditEntries.lookup(9)).join();
      assertThat(next.sequence()).isEqualTo(log.size() - 1);
      assertThat(log.verify().ok()).isTrue();
    }
  }

  @Test
  void append_entryTooLarge_failsAloneAndLogStaysWritable() {
    AuditEntry huge = AuditEntries.withCaseRef(AuditEntries.lookup(1), "x".repeat(17 * 1024 * 1024));
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      CompletableFuture<AuditReceipt> before = log.append(AuditEntries.lookup(0));
      CompletableFuture<AuditReceipt> tooLarge = log.append(huge);
      CompletableFuture<AuditReceipt> after = log.append(AuditEntries.lookup(2));

      assertThatThrownBy(tooLarge::join)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageNotContaining("xxx");
      assertThat(before.join().sequence()).isZero();
      assertThat(after.join().sequence()).isEqualTo(1);
      assertThat(log.isWritable()).isTrue();
      assertThat(log.verify().ok()).isTrue();
    }
  }

  @Test
  void close_withPendingAppends_makesThemDurableFirst() {
    List<CompletableFuture<AuditReceipt>> futures = new ArrayList<>();
    FileAuditLog log = FileAuditLog.open(dir);
    for (int i = 0; i < 500; i++) {
      futures.add(log.append(AuditEntries.lookup(i)));
    }
    log.close();

    assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(log.isWritable()).isFalse();
    assertThat(log.append(AuditEntries.lookup(500))).isCompletedExceptionally();
    log.close(); // idempotent
    try (FileAuditLog reopened = FileAuditLog.open(dir)) {
      assertThat(reopened.size()).isEqualTo(500);
    }
  }

  @Test
  void close_calledFromACompletionStage_doesNotDeadlock() {
    FileAuditLog log = FileAuditLog.open(dir);
    CompletableFuture<AuditReceipt> f = log.append(AuditEntries.lookup(0));
    f.thenRun(log::close);

    assertThat(f.join().sequence()).isZero();
    log.close();
    try (FileAuditLog reopened = FileAuditLog.open(dir)) {
      assertThat(reopened.size()).isEqualTo(1);
    }
  }

  @Test
  void open_directoryAlreadyOpen_isRefused() {
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThatThrownBy(() -> FileAuditLog.open(dir))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("already open");
      assertThat(log.isWritable()).isTrue();
    }
  }

  @Test
  void append_pastSegmentLimit_rollsSegmentsThatChainAndReopen() throws Exception {
    List<AuditReceipt> receipts;
    try (FileAuditLog log = FileAuditLog.open(dir, ChannelOpener.DEFAULT, 2048)) {
      receipts = new ArrayList<>(appendAll(log, 0, 25));
      for (int i = 25; i < 40; i++) { // one by one too, so rolls happen between groups
        receipts.add(log.append(AuditEntries.lookup(i)).join());
      }
      assertThat(log.verify()).isEqualTo(new AuditVerification(40, -1, null));
    }
    List<Path> segments = segments(dir);
    assertThat(segments).hasSizeGreaterThan(5);
    for (Path segment : segments) {
      assertThat(Files.size(segment)).isLessThanOrEqualTo(2048);
    }
    // Each header names the segment's first sequence and the hash of the record before it.
    for (Path segment : segments.subList(1, segments.size())) {
      ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(segment), 0, 52);
      long first = header.getLong(12);
      byte[] previous = new byte[32];
      header.get(20, previous);
      assertThat(segment.getFileName().toString()).isEqualTo("audit-%020d.log".formatted(first));
      assertThat(HexFormat.of().formatHex(previous))
          .isEqualTo(receipts.get((int) first - 1).entryHash());
    }

    try (FileAuditLog log = FileAuditLog.open(dir, ChannelOpener.DEFAULT, 2048)) {
      assertThat(log.size()).isEqualTo(40);
      AuditReceipt next = log.append(AuditEntries.lookup(40)).join();
      assertThat(next.entryHash())
          .isEqualTo(chainHash(receipts.get(39).entryHash(), 40, AuditEntries.lookup(40)));
      assertThat(log.verify()).isEqualTo(new AuditVerification(41, -1, null));
      try (Stream<StoredAuditEntry> stream = log.read(17)) {
        assertThat(stream.map(StoredAuditEntry::sequence).toList())
            .containsExactlyElementsOf(java.util.stream.LongStream.range(17, 41).boxed().toList());
      }
    }
    assertThat(FileAuditLog.verifyDirectory(dir)).isEqualTo(new AuditVerification(41, -1, null));
  }

  @Test
  void verify_middleSegmentDeleted_namesFirstMissingSequence() throws IOException {
    try (FileAuditLog log = FileAuditLog.open(dir, ChannelOpener.DEFAULT, 2048)) {
      appendAll(log, 0, 40);
      List<Path> segments = segments(dir);
      Path removed = segments.get(2);
      long firstMissing = firstSequence(removed);
      Files.delete(removed);

      AuditVerification result = log.verify();

      assertThat(result.ok()).isFalse();
      assertThat(result.firstBadSequence()).isEqualTo(firstMissing);
      assertThat(result.problem()).contains("sequence gap");
    }
  }

  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("audit-\\d{20}\\.log"))
          .sorted()
          .toList();
    }
  }

  static long firstSequence(Path segment) {
    String name = segment.getFileName().toString();
    return Long.parseLong(name.substring(6, 26));
  }

}
