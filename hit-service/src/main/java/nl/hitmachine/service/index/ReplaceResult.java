package nl.hitmachine.service.index;

/** Outcome of an agency's full-caseload replace: how many subjects were added, removed, kept. */
public record ReplaceResult(long added, long removed, long kept) {
  public ReplaceResult {
    if (added < 0 || removed < 0 || kept < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
