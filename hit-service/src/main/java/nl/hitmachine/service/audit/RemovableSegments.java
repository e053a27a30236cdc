package nl.hitmachine.service.audit;

/**
 * The segments at the start of a {@link FileAuditLog} that retention may remove: entries {@code
 * [fromSequence, toSequence)} in {@code segments} whole segment files. {@code toSequence} is the
 * first entry that is kept, and the tree size of the checkpoint that must anchor the removal.
 *
 * @param fromSequence the first entry still stored (0 unless an earlier removal happened)
 * @param toSequence the first entry kept (exclusive end of the removal)
 * @param segments the number of segment files to remove; 0 when nothing is removable
 */
public record RemovableSegments(long fromSequence, long toSequence, int segments) {
  public RemovableSegments {
    if (fromSequence < 0 || toSequence < fromSequence) {
      throw new IllegalArgumentException(
          "need 0 <= fromSequence <= toSequence, got " + fromSequence + ", " + toSequence);
    }
    if (segments < 0 || (segments == 0) != (toSequence == fromSequence)) {
      throw new IllegalArgumentException("segments must be > 0 exactly when entries are removed");
    }
  }

  /** True when nothing is removable. */
  public boolean isEmpty() {
    return segments == 0;
  }

  /** The number of entries removed. */
  public long entries() {
    return toSequence - fromSequence;
  }
}
