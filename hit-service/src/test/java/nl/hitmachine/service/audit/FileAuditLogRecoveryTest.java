package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Opening after a crash: torn tails are cut off, anything else is refused. */
class FileAuditLogRecoveryTest {

  @TempDir Path dir;

  private Path segment() {
    return dir.resolve("audit-00000000000000000000.log");
  }

  private List<AuditReceipt> fiveEntries() {
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      return FileAuditLogTest.appendAll(log, 0, 5);
    }
  }

  static Stream<Arguments> tornTails() {
    byte[] record = AuditEntryCodec.encode(5, AuditEntries.lookup(5));
    ByteBuffer full = ByteBuffer.allocate(4 + record.length + 32).putInt(record.length).put(record);
    byte[] framed = full.array();
    return Stream.of(
        Arguments.of("three bytes of a length", new byte[] {0, 0, 1}),
        Arguments.of("length and half the payload", Arrays.copyOf(framed, 4 + record.length / 2)),
        Arguments.of("payload without its whole hash", Arrays.copyOf(framed, framed.length - 5)),
        Arguments.of("huge length from random garbage", new byte[] {0x7f, 0x31, (byte) 0xa2, 9, 1}),
        Arguments.of("zero-filled blocks", new byte[8192]));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tornTails")
  void open_tornTail_cutsItOffAndContinuesTheChain(String what, byte[] tail) throws Exception {
    List<AuditReceipt> receipts = fiveEntries();
    long goodLength = Files.size(segment());
    Files.write(segment(), tail, StandardOpenOption.APPEND);

    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(Files.size(segment())).isEqualTo(goodLength);
      assertThat(log.size()).isEqualTo(5);
      AuditReceipt next = log.append(AuditEntries.lookup(77)).join();
      assertThat(next.sequence()).isEqualTo(5);
      assertThat(next.entryHash())
          .isEqualTo(
              FileAuditLogTest.chainHash(receipts.get(4).entryHash(), 5, AuditEntries.lookup(77)));
      assertThat(log.verify()).isEqualTo(new AuditVerification(6, -1, null));
    }
  }

  @Test
  void verifyDirectory_tornTailNotYetRecovered_reportsTruncatedRecord() throws IOException {
    fiveEntries();
    Files.write(segment(), new byte[] {0, 0, 0, 100, '{'}, StandardOpenOption.APPEND);

    assertThat(FileAuditLog.verifyDirectory(dir))
        .isEqualTo(new AuditVerification(5, 5, "truncated record"));
  }

  @Test
  void open_completeLastRecordDamaged_refusesAndKeepsTheFile() throws IOException {
    fiveEntries();
    Records records = Records.of(segment());
    byte[] damaged = records.bytes().clone();
    damaged[records.hashStart(4) + 7] ^= 0x10;
    Files.write(segment(), damaged);

    assertThatThrownBy(() -> FileAuditLog.open(dir))
        .isInstanceOf(AuditLogCorruptedException.class)
        .hasMessageContaining("sequence 4: hash mismatch");
    assertThat(Files.readAllBytes(segment())).isEqualTo(damaged);
    // The refused open released the directory: fixing the file and opening again works.
    Files.write(segment(), records.bytes());
    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(log.size()).isEqualTo(5);
    }
  }

  @Test
  void open_damageFollowedByTornTail_refusesAndKeepsTheFile() throws IOException {
    fiveEntries();
    Records records = Records.of(segment());
    byte[] damaged = records.bytes().clone();
    damaged[records.find(2, "req-000002")] = 'X';
    Files.write(segment(), damaged);
    Files.write(segment(), new byte[] {0, 0}, StandardOpenOption.APPEND);

    assertThatThrownBy(() -> FileAuditLog.open(dir))
        .isInstanceOf(AuditLogCorruptedException.class)
        .satisfies(e -> assertThat(((AuditLogCorruptedException) e).sequence()).isEqualTo(2));
    assertThat(Files.size(segment())).isEqualTo(damaged.length + 2);
  }

  @Test
  void open_lengthFieldDamagedWithRecordsAfterIt_refusesAndKeepsTheFile() throws IOException {
    fiveEntries();
    Records records = Records.of(segment());
    byte[] damaged = records.bytes().clone();
    // Record 3 now claims to run past the end of the file, over record 4.
    ByteBuffer.wrap(damaged).putInt(records.start(3), records.payloadLength(3) + 5000);
    Files.write(segment(), damaged);

    assertThatThrownBy(() -> FileAuditLog.open(dir))
        .isInstanceOf(AuditLogCorruptedException.class)
        .hasMessageContaining("sequence 3: truncated record followed by further records");
    assertThat(Files.readAllBytes(segment())).isEqualTo(damaged);
  }

  @Test
  void open_leftoverTemporarySegment_isRemoved() throws IOException {
    fiveEntries();
    Path leftover = dir.resolve("audit-00000000000000000005.log.tmp");
    Files.write(leftover, new byte[] {'H', 'M'});

    try (FileAuditLog log = FileAuditLog.open(dir)) {
      assertThat(leftover).doesNotExist();
      assertThat(log.append(AuditEntries.lookup(5)).join().sequence()).isEqualTo(5);
    }
  }

  @Test
  void open_segmentRolledJustBeforeCrash_continuesInTheEmptySegment() throws Exception {
    List<AuditReceipt> receipts;
    try (FileAuditLog log = FileAuditLog.open(dir, ChannelOpener.DEFAULT, 1024)) {
      receipts = FileAuditLogTest.appendAll(log, 0, 12);
    }
    // Simulate a crash right after a roll: a new segment with only its header.
    byte[] previous = java.util.HexFormat.of().parseHex(receipts.get(11).entryHash());
    Files.write(dir.resolve("audit-00000000000000000012.log"), Segments.header(12, previous));

    try (FileAuditLog log = FileAuditLog.open(dir, ChannelOpener.DEFAULT, 1024)) {
      assertThat(log.size()).isEqualTo(12);
      assertThat(log.append(AuditEntries.lookup(12)).join().sequence()).isEqualTo(12);
      assertThat(log.verify()).isEqualTo(new AuditVerification(13, -1, null));
    }
  }
}
