/**
 * RFC 6962 / RFC 9162 Merkle trees for the verifiable audit log.
 *
 * <ul>
 *   <li>{@link nl.hitmachine.service.audit.merkle.MerkleHashes}: leaf, node and empty-tree hashes
 *       (RFC 6962 §2.1, SHA-256).
 *   <li>{@link nl.hitmachine.service.audit.merkle.LeafHashes}: where the leaf hashes come from
 *       (an in-memory list here; the audit log's files later).
 *   <li>{@link nl.hitmachine.service.audit.merkle.CompactRange}: the O(log n) frontier that gives
 *       the current root of an append-only log without rehashing it.
 *   <li>{@link nl.hitmachine.service.audit.merkle.MerkleTree}: tree heads and inclusion and
 *       consistency proofs (RFC 6962 §2.1.1, §2.1.2).
 *   <li>{@link nl.hitmachine.service.audit.merkle.ProofVerifier}: a verifier written from RFC 9162
 *       §2.1.3.2 and §2.1.4.2 that shares no code with the builder, for third parties.
 * </ul>
 *
 * <p>Plain Java: only {@code java.security.MessageDigest}; no I/O, no framework.
 */
package nl.hitmachine.service.audit.merkle;
