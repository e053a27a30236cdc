package nl.hitmachine.service.audit.merkle;

import java.util.Objects;

/**
 * A Merkle proof did not verify; {@link #reason()} says why. A rejected proof is an expected
 * outcome rather than a bug, so the exception carries no stack trace (it is cheap to throw).
 */
public final class ProofVerificationException extends Exception {
  /** Why a proof was rejected. */
  public enum Reason {
    /** Inclusion: the leaf index is negative or not below the tree size (or the size is 0). */
    INDEX_OUT_OF_RANGE,
    /** Consistency: a size is negative, size1 &gt; size2, or size1 is 0 while size2 is not. */
    INVALID_TREE_SIZES,
    /** A leaf hash, proof hash or root is not 32 bytes. */
    MALFORMED_HASH,
    /** The proof has more or fewer hashes than the index and sizes call for. */
    WRONG_PROOF_LENGTH,
    /** Consistency: the proof does not lead to the older tree's root. */
    OLD_ROOT_MISMATCH,
    /** The proof does not lead to the given (newer) root. */
    ROOT_MISMATCH
  }

  private static final long serialVersionUID = 1L;

  private final Reason reason;

  public ProofVerificationException(Reason reason, String message) {
    super(reason + ": " + message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }
}
