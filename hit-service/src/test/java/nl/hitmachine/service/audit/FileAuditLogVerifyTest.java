package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering with a stored log is detected, and the first bad sequence number is named. */
class FileAuditLogVerifyTest {

  @TempDir Path dir;
  private FileAuditLog log;
  private Path segment;

  @BeforeEach
  void tenEntries() {
    log = FileAuditLog.open(dir);
    FileAuditLogTest.appendAll(log, 0, 10);
    segment = dir.resolve("audit-00000000000000000000.log");
    assertThat(log.verify()).isEqualTo(new AuditVerification(10, -1, null));
  }

  @AfterEach
  void close() {
    log.close();
  }

  @Test
  void verify_byteChangedInEntry_namesThatEntryAsHashMismatch() throws IOException {
    Records records = Records.of(segment);
    int at = records.find(5, "req-000005") + 4; // the first digit of the request id
    overwrite(at, (byte) '9');

    AuditVerification result = log.verify();

    assertThat(result).isEqualTo(new AuditVerification(5, 5, "hash mismatch"));
  }

  @Test
  void verify_anySingleByteOfARecordFlipped_namesThatRecord() throws IOException {
    Records records = Records.of(segment);
    for (int at = records.start(5); at < records.end(5); at++) {
      byte original = records.bytes()[at];
      overwrite(at, (byte) (original ^ 0x01));

      AuditVerification result = log.verify();

      assertThat(result.firstBadSequence())
          .as("flip at record offset %d", at - records.start(5))
          .isEqualTo(5);
      assertThat(result.problem()).isNotBlank();
      overwrite(at, original);
    }
    assertThat(log.verify().ok()).isTrue();
  }

  @Test
  void verify_recordDeleted_namesTheMissingSequence() throws IOException {
    Records records = Records.of(segment);
    byte[] b = records.bytes();
    byte[] without =
        concat(
            Arrays.copyOfRange(b, 0, records.start(5)),
            Arrays.copyOfRange(b, records.end(5), b.length));
    Files.write(segment, without);

    AuditVerification result = log.verify();

    assertThat(result.firstBadSequence()).isEqualTo(5);
    assertThat(result.problem()).isEqualTo("sequence gap: expected 5, found 6");
  }

  @Test
  void verify_twoRecordsSwapped_namesTheFirstOfThem() throws IOException {
    Records records = Records.of(segment);
    byte[] b = records.bytes();
    byte[] swapped =
        concat(
            Arrays.copyOfRange(b, 0, records.start(3)),
            Arrays.copyOfRange(b, records.start(4), records.end(4)),
            Arrays.copyOfRange(b, records.start(3), records.end(3)),
            Arrays.copyOfRange(b, records.end(4), b.length));
    Files.write(segment, swapped);

    AuditVerification result = log.verify();

    assertThat(result.firstBadSequence()).isEqualTo(3);
    assertThat(result.problem()).contains("expected 3, found 4");
  }

  @Test
  void verify_entryReplacedWithValidRecordOfSameSequence_isHashMismatch() throws IOException {
    // A forger re-encodes entry 5 with other content and a correct-looking frame.
    Records records = Records.of(segment);
    byte[] b = records.bytes();
    byte[] forged = AuditEntryCodec.encode(5, AuditEntries.lookup(500));
    ByteBuffer record =
        ByteBuffer.allocate(4 + forged.length + 32).putInt(forged.length).put(forged);
    byte[] replaced =
        concat(
            Arrays.copyOfRange(b, 0, records.start(5)),
            record.array(),
            Arrays.copyOfRange(b, records.end(5), b.length));
    Files.write(segment, replaced);

    assertThat(log.verify()).isEqualTo(new AuditVerification(5, 5, "hash mismatch"));
  }

  @Test
  void verify_lastRecordDeleted_namesItAsMissing() throws IOException {
    Records records = Records.of(segment);
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(records.start(9));
    }

    AuditVerification result = log.verify();

    assertThat(result.firstBadSequence()).isEqualTo(9);
    assertThat(result.problem()).contains("missing entries");
  }

  @Test
  void verify_segmentHeaderDamaged_namesFirstSequenceOfTheSegment() throws IOException {
    overwrite(3, (byte) 'X'); // inside the magic

    AuditVerification result = log.verify();

    assertThat(result.firstBadSequence()).isZero();
    assertThat(result.problem()).contains("segment header damaged");
  }

  @Test
  void read_pastDamage_failsWithCorruptionNamingTheSequence() throws IOException {
    Records records = Records.of(segment);
    overwrite(records.hashStart(2), (byte) (records.bytes()[records.hashStart(2)] ^ 0x80));

    try (var stream = log.read(0)) {
      var iterator = stream.iterator();
      iterator.next();
      iterator.next();
      org.assertj.core.api.Assertions.assertThatThrownBy(iterator::next)
          .isInstanceOf(AuditLogCorruptedException.class)
          .hasMessage("audit log damaged at sequence 2: hash mismatch");
    }
  }

  private void overwrite(int offset, byte value) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {value}), offset);
    }
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }
}
