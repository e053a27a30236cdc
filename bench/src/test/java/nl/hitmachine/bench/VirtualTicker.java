package nl.hitmachine.bench;

/** A clock that only moves when told: sleeping jumps to the deadline, work advances it. */
final class VirtualTicker implements Ticker {
  private long now = 1_000_000_000L; // any origin: the runner only uses differences

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleepUntil(long deadline) {
    now = Math.max(now, deadline);
  }

  void advance(long nanos) {
    now += nanos;
  }
}
