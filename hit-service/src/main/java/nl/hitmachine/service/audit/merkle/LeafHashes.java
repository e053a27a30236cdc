package nl.hitmachine.service.audit.merkle;

/**
 * The leaf hashes of a log, in log order: leaf {@code i} is
 * {@link MerkleHashes#leafHash(byte[]) leafHash} of entry {@code i}.
 *
 * <p>A source must be append-only: once {@link #get(long) get(i)} has returned a hash, it returns
 * the same hash for ever, and {@link #size()} never shrinks. The audit log implements this over its
 * segment files; {@link InMemoryLeafHashes} serves tests and small logs.
 */
public interface LeafHashes {
  /** The number of leaves available now. */
  long size();

  /**
   * The 32-byte hash of leaf {@code index}.
   *
   * @throws IndexOutOfBoundsException if {@code index < 0 || index >= size()}
   */
  byte[] get(long index);
}
