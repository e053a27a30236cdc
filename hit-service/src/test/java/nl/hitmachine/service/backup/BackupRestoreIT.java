package nl.hitmachine.service.backup;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileAlreadyExistsException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.AuditVerification;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.tools.AuditCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Online backup under write load through the real service, and restore's refusals. */
class BackupRestoreIT {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run restore(Path backup, Path dataDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RestoreCommand.run(new String[] {"--backup", backup.toString(), "--data-dir", dataDir.toString()},
        new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void onlineBackupUnderWriteLoad_restoresEveryAcknowledgedRegistration_andTheAuditLogVerifies() throws Exception {
    Path live = dir.resolve("live");
    Path backup = dir.resolve("backup");
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    List<String> acknowledgedBefore;
    BackupManifest manifest;
    try (TestService s = TestService.start(live)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread writer = new Thread(() -> {
        try {
          while (!stop.get()) {
            String p = TestService.pseudonym();
            s.register(LEERPLICHT, p); // returns only once acknowledged (200)
            acknowledged.add(p);
          }
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "backup-test-writer");
      writer.start();
      while (acknowledged.size() < 30 && failure.get() == null) {
        Thread.sleep(5);
      }
      acknowledgedBefore = List.copyOf(acknowledged);
      manifest = s.service.backup(backup);
      int atBackup = acknowledged.size();
      while (acknowledged.size() < atBackup + 10 && failure.get() == null) {
        Thread.sleep(5);
      }
      stop.set(true);
      writer.join();
      assertThat(failure.get()).isNull();
    }
    assertThat(manifest.files()).extracting(BackupManifest.FileEntry::path)
        .anyMatch(p -> p.startsWith("index/"))
        .anyMatch(p -> p.startsWith("audit/audit-"))
        .contains("audit/leaf-hashes.bin")
        .noneMatch(p -> p.contains("key") || p.endsWith("audit.lock"));

    // Restore next to the original keys, which are kept apart from the backup.
    Path restored = dir.resolve("restored");
    Run run = restore(backup, restored.resolve("data"));
    assertThat(run.code()).as(run.err()).isZero();
    copyTree(live.resolve("keys"), restored.resolve("keys"));

    Path audit = restored.resolve("data/audit");
    AuditVerification verification = FileAuditLog.verifyDirectory(audit);
    assertThat(verification.ok()).as(verification.problem()).isTrue();
    assertThat(verification.entries()).isEqualTo(manifest.auditTreeSize());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int verified = AuditCommand.run(new String[] {"verify", "--audit-dir", audit.toString(),
        "--verifier-key", restored.resolve("keys/checkpoint.pub").toString()}, new PrintWriter(out), new PrintWriter(err));
    assertThat(verified).as(out + " " + err).isZero();

    long auditedRegistrations;
    try (FileAuditLog log = FileAuditLog.open(audit); Stream<StoredAuditEntry> entries = log.read(0)) {
      auditedRegistrations = entries.map(StoredAuditEntry::entry)
          .filter(e -> e.action() == AuditAction.REGISTER && e.outcome() == AuditOutcome.OK).count();
    }

    try (TestService r = TestService.start(restored)) {
      // Never the reverse: every registration in the index snapshot was audited in the backup.
      long indexed = r.service.index().registrationCounts().getOrDefault("leerplicht", 0L);
      assertThat(indexed).isGreaterThanOrEqualTo(acknowledgedBefore.size()).isLessThanOrEqualTo(auditedRegistrations);
      for (int i = 0; i < acknowledgedBefore.size(); i += 3) {
        List<String> batch = acknowledgedBefore.subList(i, Math.min(i + 3, acknowledgedBefore.size()));
        JsonArray results = lookup(r, batch);
        for (int j = 0; j < batch.size(); j++) {
          assertThat(results.getJsonObject(j).getBoolean("known")).as(batch.get(j)).isTrue();
        }
      }
      assertThat(r.service.auditLog().size()).isGreaterThanOrEqualTo(manifest.auditTreeSize());
    }
  }

  private static JsonArray lookup(TestService s, List<String> subjects) {
    JsonObject body = new JsonObject().put("purpose", "screening").put("caseRef", "VH-1")
        .put("requestedBy", "a.coordinator").put("subjects", new JsonArray(new ArrayList<Object>(subjects)));
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonArray("results");
  }

  /** A small finished backup of a service with a few registrations. */
  private Path smallBackup() throws IOException {
    Path backup = dir.resolve("backup");
    try (TestService s = TestService.start(dir.resolve("live"))) {
      s.register(LEERPLICHT, TestService.pseudonym(), TestService.pseudonym());
      s.service.backup(backup);
    }
    return backup;
  }

  @Test
  void flippedByte_isRefusedNamingTheFile_andNothingIsRestored() throws Exception {
    Path backup = smallBackup();
    Path segment;
    try (Stream<Path> files = Files.list(backup.resolve("audit"))) {
      segment = files.filter(p -> p.getFileName().toString().startsWith("audit-")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(segment);
    bytes[bytes.length - 40] ^= 0x01;
    Files.write(segment, bytes);

    Files.createDirectories(dir.resolve("restored"));
    Path target = dir.resolve("restored/data");
    Run run = restore(backup, target);
    assertThat(run.code()).isEqualTo(RestoreCommand.REFUSED);
    assertThat(run.err()).contains("audit/" + segment.getFileName()).contains("checksum");
    assertThat(target).doesNotExist();
    try (Stream<Path> left = Files.list(dir.resolve("restored"))) {
      assertThat(left).isEmpty(); // no temporary directory left behind
    }
  }

  @Test
  void backupInsideTheDataDirectoryOrOntoAnExistingDirectory_isRefused() throws Exception {
    try (TestService s = TestService.start(dir.resolve("live"))) {
      Path inside = dir.resolve("live/data/backup");
      assertThatThrownBy(() -> s.service.backup(inside)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the data directory");
      assertThat(inside).doesNotExist();
      Files.createDirectories(dir.resolve("existing"));
      assertThatThrownBy(() -> s.service.backup(dir.resolve("existing"))).isInstanceOf(FileAlreadyExistsException.class);
    }
  }

  @Test
  void missingManifest_isRefused() throws Exception {
    Path backup = smallBackup();
    Files.delete(backup.resolve(Backups.MANIFEST));
    Run run = restore(backup, dir.resolve("restored"));
    assertThat(run.code()).isEqualTo(RestoreCommand.REFUSED);
    assertThat(run.err()).contains("manifest.json is missing");
    assertThat(dir.resolve("restored")).doesNotExist();
  }

  @Test
  void extraAndMissingFiles_areRefused() throws Exception {
    Path backup = smallBackup();
    Files.writeString(backup.resolve("audit/extra.txt"), "x");
    Run extra = restore(backup, dir.resolve("restored"));
    assertThat(extra.code()).isEqualTo(RestoreCommand.REFUSED);
    assertThat(extra.err()).contains("audit/extra.txt is not in the manifest");

    Files.delete(backup.resolve("audit/extra.txt"));
    Files.delete(backup.resolve("audit/leaf-hashes.bin"));
    Run missing = restore(backup, dir.resolve("restored"));
    assertThat(missing.code()).isEqualTo(RestoreCommand.REFUSED);
    assertThat(missing.err()).contains("audit/leaf-hashes.bin is missing");
  }

  @Test
  void nonEmptyTarget_isRefused() throws Exception {
    Path backup = smallBackup();
    Path target = dir.resolve("occupied");
    Files.createDirectories(target);
    Files.writeString(target.resolve("something"), "x");
    Run run = restore(backup, target);
    assertThat(run.code()).isEqualTo(RestoreCommand.TARGET_NOT_EMPTY);
    try (Stream<Path> files = Files.list(target)) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("something");
    }
  }

  @Test
  void offlineBackupCommand_refusesARunningService_andBacksUpAStoppedOne() throws Exception {
    Path live = dir.resolve("live");
    String p = TestService.pseudonym();
    String[] args = {"--data-dir", live.resolve("data").toString(), "--out", dir.resolve("backup").toString()};
    try (TestService s = TestService.start(live)) {
      s.register(LEERPLICHT, p);
      StringWriter err = new StringWriter();
      assertThat(BackupCommand.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err))).isEqualTo(1);
      assertThat(err.toString()).contains("backup failed");
    }
    deleteTree(dir.resolve("backup"));
    StringWriter err = new StringWriter();
    assertThat(BackupCommand.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err))).as(err.toString()).isZero();
    Path restored = dir.resolve("restored");
    Run run = restore(dir.resolve("backup"), restored.resolve("data"));
    assertThat(run.code()).as(run.err()).isZero();
    copyTree(live.resolve("keys"), restored.resolve("keys"));
    try (TestService r = TestService.start(restored)) {
      assertThat(lookup(r, List.of(p)).getJsonObject(0).getBoolean("known")).isTrue();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path q = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
