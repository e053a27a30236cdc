package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static nl.hitmachine.service.TestService.PRIVACY_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.merkle.MerkleHashes;
import nl.hitmachine.service.audit.merkle.ProofVerificationException;
import nl.hitmachine.service.audit.merkle.ProofVerifier;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.crypto.Checkpoint;
import nl.hitmachine.service.crypto.NoteKeyFile;
import nl.hitmachine.service.crypto.NoteVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The privacy officer's audit reads over HTTP: checkpoint, inclusion and consistency proofs. Only
 * the privacy-officer role gets them; every read — answered, refused or invalid — is audited; the
 * proofs verify with the independent {@link ProofVerifier} against checkpoints verified with the
 * public key only.
 */
class AuditReadApiIT {
  private static final String CHECKPOINT = "/v1/audit/checkpoint";
  private static final String INCLUSION = "/v1/audit/proofs/inclusion";
  private static final String CONSISTENCY = "/v1/audit/proofs/consistency";

  @TempDir Path dir;

  private static JsonObject lookup(TestService s) {
    JsonObject body = new JsonObject().put("purpose", "screening").put("caseRef", "VH-1")
        .put("requestedBy", "a.coordinator").put("subjects", new JsonArray().add(TestService.pseudonym()));
    HttpResponse<String> r = s.postJson("/v1/lookups", POLITIE_QUERIER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new JsonObject(r.body()).getJsonObject("receipt");
  }

  private NoteVerifier verifier() {
    return NoteKeyFile.loadVerifier(dir.resolve("keys/checkpoint.pub"));
  }

  /** Publishes a checkpoint of the current tree and returns it, verified. */
  private Checkpoint publish(TestService s) {
    s.service.checkpoints().publishIfGrown();
    String note = s.service.checkpoints().latest().orElseThrow();
    return verifier().verifyCheckpoint(note);
  }

  private static byte[] hash(JsonObject o, String field) {
    return Base64.getDecoder().decode(o.getString(field));
  }

  private static List<byte[]> proof(JsonObject o) {
    return o.getJsonArray("proof").stream().map(h -> Base64.getDecoder().decode((String) h)).toList();
  }

  private static void assertProblem(HttpResponse<String> r, int status, String slug) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("type")).isEqualTo("https://hitmachine.nl/problems/" + slug);
  }

  private static void assertAudited(TestService s, long sizeBefore, AuditAction action, AuditOutcome outcome) {
    List<AuditEntry> entries = AuditAssertions.entries(s);
    assertThat(entries).hasSize((int) sizeBefore + 1);
    AuditEntry e = entries.get(entries.size() - 1);
    assertThat(e.action()).isEqualTo(action);
    assertThat(e.outcome()).isEqualTo(outcome);
  }

  @Test
  void connectorAndQuerier_areRefusedWith403_andTheRefusalIsAudited() {
    try (TestService s = TestService.start(dir)) {
      lookup(s);
      publish(s);
      Map<String, AuditAction> paths = Map.of(
          CHECKPOINT, AuditAction.AUDIT_CHECKPOINT,
          INCLUSION + "?sequence=0&treeSize=1", AuditAction.AUDIT_PROOF,
          CONSISTENCY + "?from=1&to=1", AuditAction.AUDIT_PROOF);
      for (var path : paths.entrySet()) {
        for (String token : List.of(LEERPLICHT, POLITIE_QUERIER)) {
          long before = s.service.auditLog().size();
          HttpResponse<String> r = s.get(path.getKey(), token);
          assertProblem(r, 403, "forbidden");
          assertAudited(s, before, path.getValue(), AuditOutcome.REFUSED);
          AuditEntry e = AuditAssertions.last(s);
          assertThat(e.clientId()).isEqualTo(token.equals(LEERPLICHT) ? "leerplicht-connector" : "politie-querier");
          assertThat(e.problemType()).isEqualTo("forbidden");
          assertThat(e.requestId()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        }
        long before = s.service.auditLog().size();
        assertProblem(s.get(path.getKey(), "no-such-token"), 401, "unauthenticated");
        assertAudited(s, before, path.getValue(), AuditOutcome.REFUSED);
        assertThat(AuditAssertions.last(s).clientId()).isNull();
      }
    }
  }

  @Test
  void checkpoint_beforeTheFirstOne_is404AndAudited() {
    try (TestService s = TestService.start(dir)) {
      HttpResponse<String> r = s.get(CHECKPOINT, PRIVACY_OFFICER);
      assertProblem(r, 404, "not-found");
      assertAudited(s, 0, AuditAction.AUDIT_CHECKPOINT, AuditOutcome.REFUSED);
      assertThat(AuditAssertions.last(s).clientId()).isEqualTo("fg-officer");
    }
  }

  @Test
  void privacyOfficer_getsTheLatestCheckpoint_exactlyAsStored_andItVerifies() throws Exception {
    try (TestService s = TestService.start(dir)) {
      lookup(s);
      lookup(s);
      publish(s);
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(CHECKPOINT, PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
      Checkpoint checkpoint = verifier().verifyCheckpoint(r.body());
      assertThat(checkpoint.origin()).isEqualTo("test.hitmachine/audit");
      assertThat(checkpoint.treeSize()).isGreaterThanOrEqualTo(2);
      Path stored = dir.resolve("data/audit/checkpoints").resolve(CheckpointPublisher.fileName(checkpoint.treeSize()));
      assertThat(r.body()).isEqualTo(Files.readString(stored));

      assertAudited(s, before, AuditAction.AUDIT_CHECKPOINT, AuditOutcome.OK);
      AuditEntry e = AuditAssertions.last(s);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.roles()).containsExactly("privacy-officer");
      assertThat(e.counts()).containsEntry("checkpointTreeSize", checkpoint.treeSize());
    }
  }

  @Test
  void inclusionProof_forALookupReceipt_verifiesAgainstTheSignedCheckpoint() throws Exception {
    try (TestService s = TestService.start(dir)) {
      lookup(s);
      JsonObject receipt = lookup(s);
      lookup(s);
      long sequence = receipt.getLong("sequence");
      Checkpoint checkpoint = publish(s);
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(INCLUSION + "?sequence=" + sequence + "&treeSize=" + checkpoint.treeSize(),
          PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getLong("sequence")).isEqualTo(sequence);
      assertThat(body.getLong("treeSize")).isEqualTo(checkpoint.treeSize());
      assertThat(hash(body, "rootHash")).isEqualTo(checkpoint.rootHash());
      // The leaf, recomputed from the stored entry without the service's code, is the one proven.
      byte[] leaf = MerkleHashes.leafHash(AuditCheckpointIT.payloads(dir.resolve("data/audit")).get((int) sequence));
      assertThat(hash(body, "leafHash")).isEqualTo(leaf);
      ProofVerifier.verifyInclusion(sequence, checkpoint.treeSize(), leaf, proof(body), checkpoint.rootHash());
      byte[] otherLeaf = MerkleHashes.leafHash(AuditCheckpointIT.payloads(dir.resolve("data/audit")).get(0));
      assertThatThrownBy(() -> ProofVerifier.verifyInclusion(sequence, checkpoint.treeSize(), otherLeaf, proof(body),
          checkpoint.rootHash())).isInstanceOf(ProofVerificationException.class);

      assertAudited(s, before, AuditAction.AUDIT_PROOF, AuditOutcome.OK);
      AuditEntry e = AuditAssertions.last(s);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.counts()).containsEntry("inclusionSequence", sequence)
          .containsEntry("inclusionTreeSize", checkpoint.treeSize());

      // Also in the tree size the receipt names.
      long receiptSize = receipt.getLong("treeSize");
      JsonObject inReceiptTree = new JsonObject(
          s.get(INCLUSION + "?sequence=" + sequence + "&treeSize=" + receiptSize, PRIVACY_OFFICER).body());
      JsonObject consistency = new JsonObject(
          s.get(CONSISTENCY + "?from=" + receiptSize + "&to=" + checkpoint.treeSize(), PRIVACY_OFFICER).body());
      ProofVerifier.verifyInclusion(sequence, receiptSize, leaf, proof(inReceiptTree), hash(inReceiptTree, "rootHash"));
      ProofVerifier.verifyConsistency(receiptSize, checkpoint.treeSize(), hash(inReceiptTree, "rootHash"),
          checkpoint.rootHash(), proof(consistency));
    }
  }

  @Test
  void consistencyProof_betweenTwoCheckpoints_verifies() throws Exception {
    try (TestService s = TestService.start(dir)) {
      lookup(s);
      lookup(s);
      lookup(s);
      Checkpoint first = publish(s);
      for (int i = 0; i < 6; i++) {
        lookup(s);
      }
      Checkpoint second = publish(s);
      assertThat(second.treeSize()).isGreaterThan(first.treeSize());
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(CONSISTENCY + "?from=" + first.treeSize() + "&to=" + second.treeSize(),
          PRIVACY_OFFICER);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonObject body = new JsonObject(r.body());
      assertThat(body.getLong("from")).isEqualTo(first.treeSize());
      assertThat(body.getLong("to")).isEqualTo(second.treeSize());
      assertThat(hash(body, "fromRoot")).isEqualTo(first.rootHash());
      assertThat(hash(body, "toRoot")).isEqualTo(second.rootHash());
      ProofVerifier.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash(), second.rootHash(),
          proof(body));
      assertAudited(s, before, AuditAction.AUDIT_PROOF, AuditOutcome.OK);
      AuditEntry e = AuditAssertions.last(s);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.counts()).containsEntry("consistencyFrom", first.treeSize())
          .containsEntry("consistencyTo", second.treeSize());

      // Equal sizes: an empty proof and equal roots.
      JsonObject same = new JsonObject(
          s.get(CONSISTENCY + "?from=" + first.treeSize() + "&to=" + first.treeSize(), PRIVACY_OFFICER).body());
      assertThat(same.getJsonArray("proof")).isEmpty();
      ProofVerifier.verifyConsistency(first.treeSize(), first.treeSize(), first.rootHash(), first.rootHash(), proof(same));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      INCLUSION,
      INCLUSION + "?sequence=0",
      INCLUSION + "?treeSize=1",
      INCLUSION + "?sequence=x&treeSize=1",
      INCLUSION + "?sequence=-1&treeSize=1",
      INCLUSION + "?sequence=0&treeSize=1.5",
      INCLUSION + "?sequence=0&treeSize=99999999999999999999",
      INCLUSION + "?sequence=0&treeSize=1000",
      INCLUSION + "?sequence=1&treeSize=1",
      INCLUSION + "?sequence=2&treeSize=1",
      INCLUSION + "?sequence=0&sequence=0&treeSize=1",
      INCLUSION + "?sequence=&treeSize=1",
      CONSISTENCY,
      CONSISTENCY + "?from=1",
      CONSISTENCY + "?from=0&to=1",
      CONSISTENCY + "?from=2&to=1",
      CONSISTENCY + "?from=1&to=1000",
      CONSISTENCY + "?from=one&to=2",
      CONSISTENCY + "?from=1&to=2&to=2"})
  void badParameters_give400_andAreAuditedAsInvalid(String path) {
    try (TestService s = TestService.start(dir)) {
      lookup(s);
      lookup(s);
      long before = s.service.auditLog().size();

      HttpResponse<String> r = s.get(path, PRIVACY_OFFICER);

      assertProblem(r, 400, "invalid-request");
      assertAudited(s, before, AuditAction.AUDIT_PROOF, AuditOutcome.INVALID);
      AuditEntry e = AuditAssertions.last(s);
      assertThat(e.clientId()).isEqualTo("fg-officer");
      assertThat(e.problemType()).isEqualTo("invalid-request");
    }
  }
}
