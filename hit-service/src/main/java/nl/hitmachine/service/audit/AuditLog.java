package nl.hitmachine.service.audit;

import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.merkle.LeafHashes;
import nl.hitmachine.service.audit.merkle.TreeHead;

/**
 * The append-only audit log. The contract: a durably assigned sequence number, or an error.
 *
 * <p>{@link #append} returns at once; the future completes only after the entry is on stable
 * storage (fsync), together with every entry appended concurrently (group commit). If the entry
 * cannot be made durable the future completes exceptionally with {@link
 * AuditUnavailableException}, and the log refuses further appends until reopened (fail closed:
 * after a failed write the state on disk is not known).
 *
 * <p>Entries are hash-chained: each entry's hash covers the previous entry's hash, so changing,
 * removing or reordering a stored entry is detected by {@link #verify()}.
 */
public interface AuditLog extends AutoCloseable {

  CompletableFuture<AuditReceipt> append(AuditEntry entry);

  /** Number of durable entries (the next sequence number). */
  long size();

  /**
   * The RFC 6962 tree head over the durable entries: leaf {@code i} = SHA-256(0x00 ‖ canonical JSON
   * payload of entry {@code i}). Size and root are one consistent snapshot; the size equals {@link
   * #size()} at that moment.
   */
  TreeHead treeHead();

  /** The leaf hashes of the durable entries, for inclusion and consistency proofs. */
  LeafHashes leafHashes();

  /**
   * The durable entries from {@code fromSequence} on, in sequence order, as they were when the call
   * started; from the first stored entry if retention removed the entries before it. Blocking file
   * reads: call from a worker thread. The stream holds open files: close it (try-with-resources). Damage ends the stream with {@link AuditLogCorruptedException}.
   */
  Stream<StoredAuditEntry> read(long fromSequence);

  /** True while the log is open and accepts appends. */
  boolean isWritable();

  /** Re-reads every stored entry and checks the hash chain. */
  AuditVerification verify();

  /** Flushes pending entries and closes; idempotent. */
  @Override
  void close();
}
