package nl.hitmachine.service.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.merkle.TreeHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileAuditLog#copyDurablePrefix}: the online backup's copy of the log up to its durable size. */
class FileAuditLogCopyTest {
  @TempDir Path dir;

  private static long segmentCount(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().matches("audit-\\d{20}\\.log")).count();
    }
  }

  @Test
  void copyOfSeveralSegments_opensWithTheSameTreeHead_andLeavesTheLogUntouched() throws Exception {
    Path log = dir.resolve("log");
    Path copy = dir.resolve("copy");
    TreeHead head;
    long size;
    try (FileAuditLog audit = FileAuditLog.open(log, ChannelOpener.DEFAULT, 2048)) {
      for (int i = 0; i < 40; i++) {
        audit.append(AuditEntries.registration(i)).join();
      }
      head = audit.treeHead();
      size = audit.copyDurablePrefix(copy);
      audit.append(AuditEntries.registration(40)).join(); // still writable after the copy
      assertThat(audit.size()).isEqualTo(41);
    }
    assertThat(size).isEqualTo(40);
    assertThat(segmentCount(copy)).isGreaterThan(1);
    assertThat(Files.size(copy.resolve(FileAuditLog.LEAF_FILE))).isEqualTo(40 * 32);
    assertThat(copy.resolve("audit.lock")).doesNotExist();
    AuditVerification verification = FileAuditLog.verifyDirectory(copy);
    assertThat(verification.ok()).as(verification.problem()).isTrue();
    assertThat(verification.entries()).isEqualTo(40);
    try (FileAuditLog reopened = FileAuditLog.open(copy)) {
      assertThat(reopened.treeHead()).isEqualTo(head);
    }
  }

  @Test
  void copyDuringAppends_isAVerifiablePrefixOfExactlyTheReturnedSize() throws Exception {
    Path log = dir.resolve("log");
    Path copy = dir.resolve("copy");
    long size;
    try (FileAuditLog audit = FileAuditLog.open(log, ChannelOpener.DEFAULT, 2048)) {
      for (int i = 0; i < 10; i++) {
        audit.append(AuditEntries.registration(i)).join();
      }
      List<CompletableFuture<AuditReceipt>> pending = new ArrayList<>();
      for (int i = 10; i < 200; i++) {
        pending.add(audit.append(AuditEntries.registration(i)));
      }
      size = audit.copyDurablePrefix(copy);
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
    assertThat(size).isBetween(10L, 200L);
    AuditVerification verification = FileAuditLog.verifyDirectory(copy);
    assertThat(verification.ok()).as(verification.problem()).isTrue();
    assertThat(verification.entries()).isEqualTo(size);
    assertThat(Files.size(copy.resolve(FileAuditLog.LEAF_FILE))).isEqualTo(size * 32);
  }
}
