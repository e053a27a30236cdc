package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.merkle.MerkleHashes;
import nl.hitmachine.service.audit.merkle.MerkleTree;
import nl.hitmachine.service.audit.merkle.ProofVerificationException;
import nl.hitmachine.service.audit.merkle.ProofVerifier;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a lookup over HTTP returns a receipt; a signed checkpoint is published; an inclusion
 * proof for the receipt's entry verifies against the checkpoint's root with the independent
 * verifier and the public key file only.
 */
class AuditCheckpointIT {
  @TempDir Path dir;

  private JsonObject lookup(TestService s, String subject) {
    JsonObject body = new JsonObject().put("purpose", "screening").put("caseRef", "VH-1")
        .put("requestedBy", "a.coordinator").put("subjects", new JsonArray().add(subject));
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("receipt");
  }

  /** The stored payloads (canonical JSON), parsed from the segment files without the service's code. */
  static List<byte[]> payloads(Path auditDir) throws IOException {
    List<Path> segments;
    try (Stream<Path> files = Files.list(auditDir)) {
      segments = files.filter(f -> f.getFileName().toString().matches("audit-\\d{20}\\.log")).sorted().toList();
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Path segment : segments) {
      byte[] b = Files.readAllBytes(segment);
      int at = 8 + 4 + 8 + 32; // magic, version, first sequence, previous hash
      while (at < b.length) {
        int length = ByteBuffer.wrap(b, at, 4).getInt();
        payloads.add(Arrays.copyOfRange(b, at + 4, at + 4 + length));
        at += 4 + length + 32;
      }
    }
    return payloads;
  }

  @Test
  void lookupReceipt_isProvablyIncludedInASignedCheckpoint() throws Exception {
    try (TestService s = TestService.start(dir)) {
      String p = TestService.pseudonym();
      HttpResponse<String> reg = s.postJson("/v1/registrations", LEERPLICHT,
          new JsonObject().put("registrations", new JsonArray().add(new JsonObject().put("subject", p))));
      assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
      lookup(s, TestService.pseudonym());
      JsonObject receipt = lookup(s, p);
      long sequence = receipt.getLong("sequence");
      long treeSize = receipt.getLong("treeSize");
      assertThat(treeSize).isGreaterThan(sequence);
      assertThat(receipt.getString("entryHash")).matches("[0-9a-f]{64}");

      assertThat(s.service.checkpoints().publishIfGrown()).isPresent();
      Path checkpoints = dir.resolve("data/audit/checkpoints");
      String note = Files.readString(checkpoints.resolve(CheckpointPublisher.LATEST));

      // What an auditor holds: the public key file, the checkpoint and the data directory (or an export).
      NoteVerifier verifier = NoteKeyFile.loadVerifier(dir.resolve("keys/checkpoint.pub"));
      Checkpoint checkpoint = verifier.verifyCheckpoint(note);
      assertThat(checkpoint.origin()).isEqualTo("test.hitmachine/audit");
      assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(treeSize);
      assertThat(Files.readString(checkpoints.resolve(CheckpointPublisher.fileName(checkpoint.treeSize()))))
          .isEqualTo(note);

      // The leaf is recomputed from the stored payload, independently of the service.
      byte[] leaf = MerkleHashes.leafHash(payloads(dir.resolve("data/audit")).get((int) sequence));
      MerkleTree tree = new MerkleTree(s.service.auditLog().leafHashes());
      assertThat(tree.root(checkpoint.treeSize())).isEqualTo(checkpoint.rootHash());
      List<byte[]> proof = tree.inclusionProof(sequence, checkpoint.treeSize());
      ProofVerifier.verifyInclusion(sequence, checkpoint.treeSize(), leaf, proof, checkpoint.rootHash());

      // ...also in the tree size named by the receipt, and to any later checkpoint via consistency.
      ProofVerifier.verifyInclusion(sequence, treeSize, leaf, tree.inclusionProof(sequence, treeSize),
          tree.root(treeSize));
      byte[] wrongLeaf = MerkleHashes.leafHash("{\"seq\":0}".getBytes());
      assertThatThrownBy(() -> ProofVerifier.verifyInclusion(sequence, checkpoint.treeSize(), wrongLeaf, proof,
          checkpoint.rootHash())).isInstanceOf(ProofVerificationException.class);

      assertThat(s.service.checkpoints().publishIfGrown()).as("nothing grew").isEmpty();
    }
  }

  @Test
  void close_publishesAFinalCheckpointCoveringEveryEntry() throws Exception {
    long size;
    try (TestService s = TestService.start(dir)) {
      lookup(s, TestService.pseudonym());
      lookup(s, TestService.pseudonym());
      s.close();
      size = s.service.auditLog().size();
    }
    String note = Files.readString(dir.resolve("data/audit/checkpoints").resolve(CheckpointPublisher.LATEST));
    Checkpoint checkpoint = NoteKeyFile.loadVerifier(dir.resolve("keys/checkpoint.pub")).verifyCheckpoint(note);
    assertThat(checkpoint.treeSize()).isEqualTo(size).isGreaterThanOrEqualTo(2);
  }
}
