package nl.hitmachine.service.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.ChannelOpener;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifyCommandTest {
  private static final String ORIGIN = "test.hitmachine/audit";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int HEADER_BYTES = 8 + 4 + 8 + 32;

  @TempDir Path dir;
  private Path auditDir;
  private Path checkpoints;
  private Path keyFile;
  private Path verifierFile;
  private NoteSigner signer;

  @BeforeEach
  void setUp() {
    auditDir = dir.resolve("data/audit");
    checkpoints = auditDir.resolve("checkpoints");
    keyFile = dir.resolve("keys/checkpoint.key");
    verifierFile = dir.resolve("keys/checkpoint.pub");
    signer = new NoteSigner(NoteKeyFile.create(keyFile, verifierFile, ORIGIN, RANDOM));
  }

  private record Run(int code, String out, String err) {}

  private Run verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", "--audit-dir", auditDir.toString(),
        "--verifier-key", verifierFile.toString()));
    args.addAll(List.of(extra));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = AuditCommand.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** Writes {@code total} entries, publishing a checkpoint after each size in {@code checkpointAt}. */
  private void writeSegmentedLog(int total, long segmentBytes, int... checkpointAt) {
    try (FileAuditLog log = FileAuditLog.open(auditDir, ChannelOpener.DEFAULT, segmentBytes)) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer, checkpoints);
      for (int i = 0; i < total; i++) {
        log.append(AuditEntries.lookup(i)).join();
        int size = i + 1;
        if (Arrays.stream(checkpointAt).anyMatch(c -> c == size)) {
          publisher.publishIfGrown().orElseThrow();
        }
      }
    }
  }

  private void writeLog(int total, int... checkpointAt) {
    writeSegmentedLog(total, FileAuditLog.DEFAULT_SEGMENT_BYTES, checkpointAt);
  }

  private Path segment() {
    return auditDir.resolve("audit-00000000000000000000.log");
  }

  /** The records (length ‖ payload ‖ hash) of the single segment, in file order. */
  private List<byte[]> records() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment()));
    b.position(HEADER_BYTES);
    List<byte[]> records = new ArrayList<>();
    while (b.hasRemaining()) {
      int length = b.getInt(b.position());
      byte[] record = new byte[4 + length + 32];
      b.get(record);
      records.add(record);
    }
    return records;
  }

  private void rewrite(List<byte[]> records) throws IOException {
    byte[] header = Arrays.copyOf(Files.readAllBytes(segment()), HEADER_BYTES);
    try (var out = Files.newOutputStream(segment())) {
      out.write(header);
      for (byte[] r : records) {
        out.write(r);
      }
    }
  }

  @Test
  void aGoodLog_verifies_acrossSegments_andReportsTheLatestSignedHead() throws Exception {
    writeSegmentedLog(40, 2048, 10, 25, 40);
    try (Stream<Path> files = Files.list(auditDir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("audit-")).count()).isGreaterThan(1);
    }
    Run run = verify();
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("entries:      40 in ").contains("checkpoints:  4 checked")
        .contains("latest signed: tree size 40, root ").contains("VERIFIED").doesNotContain("not yet covered");
  }

  @Test
  void entriesAfterTheLatestCheckpoint_areReportedAsNotYetCovered() {
    writeLog(10, 7);
    Run run = verify();
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("not yet covered: 3 entries").contains("VERIFIED");
  }

  @Test
  void flippingOneByteOfAStoredEntry_failsNamingThatEntry() throws Exception {
    writeLog(10, 10);
    List<byte[]> records = records();
    byte[] r = records.get(6);
    int at = 4 + (r.length - 36) / 2;
    r[at] ^= 0x01;
    rewrite(records);
    Run run = verify();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: entry 6 is bad");
  }

  @Test
  void deletingOneRecord_namesTheFirstBadSequence() throws Exception {
    writeLog(10, 10);
    List<byte[]> records = records();
    records.remove(4);
    rewrite(records);
    Run run = verify();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: entry 4 is bad").contains("sequence gap");
  }

  @Test
  void swappingTwoRecords_namesTheFirstBadOne() throws Exception {
    writeLog(10, 10);
    List<byte[]> records = records();
    byte[] third = records.get(3);
    records.set(3, records.get(7));
    records.set(7, third);
    rewrite(records);
    Run run = verify("--format", "json");
    assertThat(run.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("result").asText()).isEqualTo("failed");
    assertThat(json.get("entries").asLong()).isEqualTo(3);
    JsonNode problem = json.get("problems").get(0);
    assertThat(problem.get("kind").asText()).isEqualTo("BAD_ENTRY");
    assertThat(problem.get("sequence").asLong()).isEqualTo(3);
  }

  @Test
  void truncatingEntriesACheckpointCovered_isReportedAsRemovedFromTheEnd() throws Exception {
    writeLog(10, 5, 10);
    List<byte[]> records = records();
    rewrite(records.subList(0, 7));
    assertThat(records()).hasSize(7);
    Run run = verify();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("entries:      7 in 1 segment")
        .contains("signed for tree size 10 but the log has only 7 entries: 3 entries were removed from the end");
  }

  @Test
  void anEntryAlteredWithARecomputedChain_isCaughtByTheCheckpointRoot() throws Exception {
    writeLog(10, 2, 5, 10);
    List<byte[]> records = records();
    String payload = new String(records.get(2), 4, records.get(2).length - 36, StandardCharsets.UTF_8);
    assertThat(payload).contains("req-000002");
    records.set(2, null);
    // Forge entry 2 and rebuild the whole chain from it, as an operator with write access could.
    byte[] previous = Arrays.copyOfRange(records.get(1), records.get(1).length - 32, records.get(1).length);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (int i = 2; i < records.size(); i++) {
      byte[] p = i == 2
          ? payload.replace("req-000002", "req-999999").getBytes(StandardCharsets.UTF_8)
          : Arrays.copyOfRange(records.get(i), 4, records.get(i).length - 32);
      sha.update(previous);
      byte[] hash = sha.digest(p);
      records.set(i, ByteBuffer.allocate(4 + p.length + 32).putInt(p.length).put(p).put(hash).array());
      previous = hash;
    }
    rewrite(records);
    assertThat(FileAuditLog.verifyDirectory(auditDir).ok()).as("the chain alone no longer shows it").isTrue();
    Run run = verify();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("FAILED: checkpoint at tree size 5")
        .contains("entries 0..4 were altered");
  }

  @Test
  void aCheckpointSignedWithAnotherKey_isRefused() throws Exception {
    writeLog(4, 4);
    NoteSigner other = new NoteSigner(NoteKeyFile.create(dir.resolve("other/k.key"), dir.resolve("other/k.pub"),
        ORIGIN, RANDOM));
    Path forgedDir = dir.resolve("forged");
    try (FileAuditLog log = FileAuditLog.open(auditDir)) {
      new CheckpointPublisher(log::treeHead, ORIGIN, other, forgedDir).publishIfGrown().orElseThrow();
    }
    Files.copy(forgedDir.resolve("checkpoint-00000000000000000004.note"),
        checkpoints.resolve("checkpoint-00000000000000000004.note"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Run run = verify();
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.out()).contains("checkpoint checkpoint-00000000000000000004.note is refused")
        .contains("not signed by the trusted key");
  }

  @Test
  void runsWithOnlyThePublicKey_noSecretAnywhere() throws Exception {
    writeLog(6, 3, 6);
    Path pubOnly = dir.resolve("elsewhere/checkpoint.pub");
    Files.createDirectories(pubOnly.getParent());
    Files.copy(verifierFile, pubOnly);
    Files.delete(keyFile);
    Files.delete(verifierFile);
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(f -> f.toString().endsWith(".key"))).isEmpty();
    }
    Run run = run("verify", "--audit-dir", auditDir.toString(), "--verifier-key", pubOnly.toString(),
        "--checkpoints", checkpoints.toString());
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("latest signed: tree size 6");
  }

  @Test
  void usageErrors_exit2_andUnreadableFiles_exit4() {
    assertThat(run("verify", "--verifier-key", "x.pub").code()).isEqualTo(2);
    assertThat(run().code()).isEqualTo(2);
    assertThat(run("verify", "--audit-dir", "a", "--verifier-key", "b", "--format", "xml").code()).isEqualTo(2);

    Run missingLog = run("verify", "--audit-dir", dir.resolve("nope").toString(), "--verifier-key",
        verifierFile.toString());
    assertThat(missingLog.code()).isEqualTo(4);
    assertThat(missingLog.err()).contains("does not exist");

    writeLog(2, 2);
    Run missingKey = run("verify", "--audit-dir", auditDir.toString(), "--verifier-key",
        dir.resolve("missing.pub").toString());
    assertThat(missingKey.code()).isEqualTo(4);
    Run privateKeyGiven = run("verify", "--audit-dir", auditDir.toString(), "--verifier-key", keyFile.toString());
    assertThat(privateKeyGiven.code()).isEqualTo(4);
  }
}
