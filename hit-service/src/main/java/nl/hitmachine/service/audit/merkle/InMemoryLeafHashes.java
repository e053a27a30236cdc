package nl.hitmachine.service.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * Leaf hashes held in memory, for tests and small logs. Appending is thread-safe; hashes are
 * copied in and out, so callers cannot change the stored leaves.
 */
public final class InMemoryLeafHashes implements LeafHashes {
  private final List<byte[]> hashes = new ArrayList<>();

  /** Builds a store from raw entries, hashing each with {@link MerkleHashes#leafHash(byte[])}. */
  public static InMemoryLeafHashes ofEntries(List<byte[]> entries) {
    InMemoryLeafHashes store = new InMemoryLeafHashes();
    for (byte[] entry : entries) {
      store.appendEntry(entry);
    }
    return store;
  }

  /**
   * Appends an already computed 32-byte leaf hash and returns its index.
   *
   * @throws IllegalArgumentException if {@code leafHash} is not 32 bytes
   */
  public synchronized long append(byte[] leafHash) {
    hashes.add(MerkleHashes.requireHash(leafHash, "leafHash").clone());
    return hashes.size() - 1L;
  }

  /** Hashes {@code entry} as a leaf, appends it and returns its index. */
  public synchronized long appendEntry(byte[] entry) {
    hashes.add(MerkleHashes.leafHash(entry));
    return hashes.size() - 1L;
  }

  @Override
  public synchronized long size() {
    return hashes.size();
  }

  @Override
  public synchronized byte[] get(long index) {
    if (index < 0 || index >= hashes.size()) {
      throw new IndexOutOfBoundsException("leaf " + index + " of " + hashes.size());
    }
    return hashes.get((int) index).clone();
  }
}
