package nl.hitmachine.service.hit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import nl.hitmachine.service.audit.StoredAuditEntry;

/**
 * An audited export in progress: a cursor over the entries that match its query, up to the tree
 * size the export was audited at (its own entry and later ones are not part of it). Hands out the
 * matches in batches so the caller can write them with backpressure and memory stays bounded.
 *
 * <p>Blocking file reads: call {@link #next} and {@link #close} from a worker thread, one call at a
 * time (not thread-safe; the caller orders its calls). Close it, also when the export is abandoned.
 */
public final class AuditExport implements AutoCloseable {
  private final AuditQuery query;
  private final long treeSize;
  private final Stream<StoredAuditEntry> stream;
  private final Iterator<StoredAuditEntry> entries;
  private long exported;
  private boolean done;

  AuditExport(AuditQuery query, long treeSize, Stream<StoredAuditEntry> stream) {
    this.query = Objects.requireNonNull(query, "query");
    this.treeSize = treeSize;
    this.stream = stream;
    this.entries = stream.iterator();
  }

  /** The tree size the export covers: entries {@code 0 .. treeSize-1} were considered. */
  public long treeSize() {
    return treeSize;
  }

  /** Entries handed out so far. */
  public long exported() {
    return exported;
  }

  /**
   * The next matching entries, at most {@code maxEntries} of them, reading at most {@code maxScanned}
   * entries; empty only at the end (or when {@code maxScanned} entries matched nothing — then {@link
   * #isDone()} is still false).
   */
  public List<StoredAuditEntry> next(int maxEntries, int maxScanned) {
    List<StoredAuditEntry> batch = new ArrayList<>(Math.min(maxEntries, 256));
    int scanned = 0;
    while (!done && batch.size() < maxEntries && scanned < maxScanned) {
      if (!entries.hasNext()) {
        done = true;
        break;
      }
      StoredAuditEntry e = entries.next();
      scanned++;
      if (e.sequence() >= treeSize) {
        done = true;
        break;
      }
      if (query.matches(e.entry())) {
        batch.add(e);
      }
    }
    exported += batch.size();
    return batch;
  }

  /** True once every entry up to {@link #treeSize()} was read. */
  public boolean isDone() {
    return done;
  }

  @Override
  public void close() {
    stream.close();
  }
}
