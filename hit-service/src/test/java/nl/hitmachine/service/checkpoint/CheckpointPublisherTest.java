package nl.hitmachine.service.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.AuditEntries;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.merkle.TreeHead;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.KeyFileException;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteSigner;
import nl.hitmachine.service.crypto.NoteVerificationException;
import nl.hitmachine.service.crypto.NoteVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointPublisherTest {
  private static final String ORIGIN = "test.hitmachine/audit";
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private Path keyFile;
  private Path verifierFile;
  private Path checkpoints;

  @BeforeEach
  void keys() {
    keyFile = dir.resolve("keys/checkpoint.key");
    verifierFile = dir.resolve("keys/checkpoint.pub");
    checkpoints = dir.resolve("data/audit/checkpoints");
  }

  private NoteSigner signer() {
    return new NoteSigner(CheckpointKeys.load(keyFile, verifierFile, ORIGIN, true, RANDOM));
  }

  private static AuditEntry entry(int i) {
    return AuditEntries.lookup(i);
  }

  private List<Path> checkpointFiles() throws IOException {
    try (Stream<Path> files = Files.list(checkpoints)) {
      return files.filter(f -> f.getFileName().toString().startsWith("checkpoint-")).sorted().toList();
    }
  }

  @Test
  void checkpointAfterAppends_verifiesWithThePublicKeyFile_andCarriesTheLogsRoot() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("data/audit"))) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer(), checkpoints);
      assertThat(publisher.publishIfGrown()).as("empty log: nothing to sign").isEmpty();
      for (int i = 0; i < 5; i++) {
        log.append(entry(i)).join();
      }
      String note = publisher.publishIfGrown().orElseThrow();
      TreeHead head = log.treeHead();

      NoteVerifier verifier = NoteKeyFile.loadVerifier(verifierFile);
      Path stored = checkpoints.resolve("checkpoint-00000000000000000005.note");
      Checkpoint checkpoint = verifier.verifyCheckpoint(Files.readAllBytes(stored));
      assertThat(checkpoint.origin()).isEqualTo(ORIGIN);
      assertThat(checkpoint.treeSize()).isEqualTo(5).isEqualTo(head.size());
      assertThat(checkpoint.rootHash()).isEqualTo(head.root());
      assertThat(Files.readString(stored)).isEqualTo(note);
      assertThat(Files.readString(checkpoints.resolve(CheckpointPublisher.LATEST))).isEqualTo(note);
      assertThat(publisher.latest()).contains(note);
    }
  }

  @Test
  void noNewCheckpoint_whenNothingGrew_andANewOneWhenItDoes() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("data/audit"))) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer(), checkpoints);
      log.append(entry(0)).join();
      assertThat(publisher.publishIfGrown()).isPresent();
      assertThat(publisher.publishIfGrown()).isEmpty();
      assertThat(checkpointFiles()).hasSize(1);

      log.append(entry(1)).join();
      log.append(entry(2)).join();
      String note = publisher.publishIfGrown().orElseThrow();
      assertThat(checkpointFiles()).extracting(f -> f.getFileName().toString())
          .containsExactly("checkpoint-00000000000000000001.note", "checkpoint-00000000000000000003.note");
      assertThat(NoteKeyFile.loadVerifier(verifierFile).verifyCheckpoint(note).treeSize()).isEqualTo(3);
      assertThat(publisher.publishIfGrown()).isEmpty();
      try (Stream<Path> files = Files.list(checkpoints)) {
        assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
      }
    }
  }

  @Test
  void afterRestart_publishesOnceAtStartIfTheLogIsNotEmpty() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("data/audit"))) {
      log.append(entry(0)).join();
      new CheckpointPublisher(log::treeHead, ORIGIN, signer(), checkpoints).publishIfGrown().orElseThrow();
    }
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("data/audit"))) {
      CheckpointPublisher publisher = new CheckpointPublisher(log::treeHead, ORIGIN, signer(), checkpoints);
      String note = publisher.publishIfGrown().orElseThrow();
      assertThat(NoteKeyFile.loadVerifier(verifierFile).verifyCheckpoint(note).rootHash())
          .isEqualTo(log.treeHead().root());
      assertThat(publisher.publishIfGrown()).isEmpty();
    }
  }

  @Test
  void aCheckpointSignedWithAnotherKey_isRefused() throws Exception {
    try (FileAuditLog log = FileAuditLog.open(dir.resolve("data/audit"))) {
      log.append(entry(0)).join();
      NoteSigner other = new NoteSigner(NoteKeyFile.create(dir.resolve("other/k.key"), dir.resolve("other/k.pub"),
          ORIGIN, RANDOM));
      String forged = new CheckpointPublisher(log::treeHead, ORIGIN, other, checkpoints).publishIfGrown().orElseThrow();
      signer(); // creates the real key files
      NoteVerifier verifier = NoteKeyFile.loadVerifier(verifierFile);
      assertThatThrownBy(() -> verifier.verifyCheckpoint(forged)).isInstanceOf(NoteVerificationException.class);
    }
  }

  @Test
  void keys_mustMatchTheirVerifierAndTheOrigin_andAreNotCreatedUnlessAllowed() {
    assertThatThrownBy(() -> CheckpointKeys.load(keyFile, verifierFile, ORIGIN, false, RANDOM))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("does not exist");
    CheckpointKeys.load(keyFile, verifierFile, ORIGIN, true, RANDOM);
    assertThat(CheckpointKeys.load(keyFile, verifierFile, ORIGIN, false, RANDOM).name()).isEqualTo(ORIGIN);
    assertThatThrownBy(() -> CheckpointKeys.load(keyFile, verifierFile, "other.origin/audit", false, RANDOM))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("audit.origin");
    NoteKeyFile.create(dir.resolve("k2.key"), dir.resolve("k2.pub"), ORIGIN, RANDOM);
    assertThatThrownBy(() -> CheckpointKeys.load(keyFile, dir.resolve("k2.pub"), ORIGIN, false, RANDOM))
        .isInstanceOf(KeyFileException.class).hasMessageContaining("does not belong");
  }
}
