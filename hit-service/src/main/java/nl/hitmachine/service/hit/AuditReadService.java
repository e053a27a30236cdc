package nl.hitmachine.service.hit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.merkle.LeafHashes;
import nl.hitmachine.service.audit.merkle.MerkleTree;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.failure.ProblemType;

/**
 * The privacy officer's reads of the audit log itself: the latest signed checkpoint, inclusion
 * proofs and consistency proofs. Only for the {@link Role#PRIVACY_OFFICER} role, and every read is
 * itself audited — answered ({@code ok}, with what was read in the entry's counts), refused or
 * invalid — before anything is released.
 *
 * <p>Blocking: proofs cost O(n) leaf-hash reads and hashes, the checkpoint is a file read. Run every
 * method on a worker pool. The returned future completes once the read's audit entry is durable.
 */
public final class AuditReadService {
  private final AuditTrail audit;
  private final AuditLog log;
  private final Path latestCheckpoint;

  /**
   * @param audit where the reads are audited
   * @param log the audit log whose tree is proven
   * @param latestCheckpoint the file holding the newest signed checkpoint note ({@code latest.note})
   */
  public AuditReadService(AuditTrail audit, AuditLog log, Path latestCheckpoint) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.log = Objects.requireNonNull(log, "log");
    this.latestCheckpoint = Objects.requireNonNull(latestCheckpoint, "latestCheckpoint");
  }

  /** An inclusion proof of leaf {@code sequence} in the tree of {@code treeSize} leaves. */
  public record InclusionProof(long sequence, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] rootHash) {
    public InclusionProof {
      proof = List.copyOf(proof);
    }
  }

  /** A consistency proof from the tree of {@code from} leaves to the tree of {@code to} leaves. */
  public record ConsistencyProof(long from, long to, List<byte[]> proof, byte[] fromRoot, byte[] toRoot) {
    public ConsistencyProof {
      proof = List.copyOf(proof);
    }
  }

  /** The bytes of the latest signed checkpoint note, exactly as stored; 404 if none was published yet. */
  public CompletableFuture<byte[]> latestCheckpoint(Caller caller) {
    CompletableFuture<byte[]> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_CHECKPOINT, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    byte[] note;
    try {
      note = Files.readAllBytes(latestCheckpoint);
    } catch (NoSuchFileException e) {
      return audit.refuse(caller, AuditAction.AUDIT_CHECKPOINT,
          new ProblemException(ProblemType.NOT_FOUND, "no audit checkpoint has been published yet"),
          AuditTrail.Statement.NONE, Map.of());
    } catch (IOException e) {
      return audit.fail(caller, AuditAction.AUDIT_CHECKPOINT,
          new UncheckedIOException("the latest audit checkpoint could not be read", e), Map.of());
    }
    return audit.record(caller, AuditAction.AUDIT_CHECKPOINT, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            List.of(), countsOf(note))
        .thenApply(receipt -> note);
  }

  /**
   * An inclusion proof of entry {@code sequence} in the tree of {@code treeSize} leaves, with
   * {@code sequence < treeSize <= } the durable tree size. Parameters are the query's values as given
   * (each must be given exactly once).
   */
  public CompletableFuture<InclusionProof> inclusionProof(Caller caller, List<String> sequence, List<String> treeSize) {
    CompletableFuture<InclusionProof> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_PROOF, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    long n;
    long m;
    long durable = log.treeHead().size();
    try {
      n = parameter("sequence", sequence);
      m = parameter("treeSize", treeSize);
      if (m > durable) {
        throw ProblemException.invalid("treeSize must be at most the durable tree size, " + durable);
      }
      if (m <= n) {
        throw ProblemException.invalid("treeSize must be greater than sequence");
      }
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_PROOF, e, AuditTrail.Statement.NONE, Map.of());
    }
    LeafHashes leaves = log.leafHashes();
    MerkleTree tree = new MerkleTree(leaves);
    InclusionProof proof = new InclusionProof(n, m, leaves.get(n), tree.inclusionProof(n, m), tree.root(m));
    return audit.record(caller, AuditAction.AUDIT_PROOF, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            List.of(), Map.of("inclusionSequence", n, "inclusionTreeSize", m))
        .thenApply(receipt -> proof);
  }

  /**
   * A consistency proof from the tree of {@code from} leaves to the tree of {@code to} leaves, with
   * {@code 0 < from <= to <= } the durable tree size.
   */
  public CompletableFuture<ConsistencyProof> consistencyProof(Caller caller, List<String> from, List<String> to) {
    CompletableFuture<ConsistencyProof> refused = RoleCheck.refused(audit, caller, AuditAction.AUDIT_PROOF, Role.PRIVACY_OFFICER);
    if (refused != null) {
      return refused;
    }
    long a;
    long b;
    long durable = log.treeHead().size();
    try {
      a = parameter("from", from);
      b = parameter("to", to);
      if (a == 0) {
        throw ProblemException.invalid("from must be greater than 0: every tree extends the empty one");
      }
      if (a > b) {
        throw ProblemException.invalid("from must be at most to");
      }
      if (b > durable) {
        throw ProblemException.invalid("to must be at most the durable tree size, " + durable);
      }
    } catch (ProblemException e) {
      return audit.refuse(caller, AuditAction.AUDIT_PROOF, e, AuditTrail.Statement.NONE, Map.of());
    }
    MerkleTree tree = new MerkleTree(log.leafHashes());
    ConsistencyProof proof = new ConsistencyProof(a, b, tree.consistencyProof(a, b), tree.root(a), tree.root(b));
    return audit.record(caller, AuditAction.AUDIT_PROOF, AuditOutcome.OK, null, AuditTrail.Statement.NONE,
            List.of(), Map.of("consistencyFrom", a, "consistencyTo", b))
        .thenApply(receipt -> proof);
  }

  /** The served checkpoint's tree size (its body's second line), for the audit entry. */
  private static Map<String, Long> countsOf(byte[] note) {
    String[] lines = new String(note, StandardCharsets.UTF_8).split("\n", 3);
    if (lines.length >= 2 && !lines[1].isEmpty() && lines[1].length() <= 19
        && lines[1].chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Map.of("checkpointTreeSize", Long.parseLong(lines[1]));
    }
    return Map.of();
  }

  private static long parameter(String name, List<String> values) {
    return QueryParameters.nonNegative(name, QueryParameters.once(name, values, true), Long.MAX_VALUE);
  }
}
