package nl.hitmachine.connector.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long push on one terminal line (rows/s, done/total), redrawn at most twice a
 * second. Silent when not enabled, i.e. when stderr is not a terminal (scripts, cron).
 */
final class PushProgress {
  private static final long INTERVAL_NANOS = 500_000_000L;

  private final PrintWriter err;
  private final boolean enabled;
  private final LongSupplier nanoTime;
  private String phase = "";
  private long total;
  private long started;
  private long lastDrawn;
  private boolean drawn;

  PushProgress(PrintWriter err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
  }

  /** Starts a phase; {@code total} is 0 when not known yet. */
  void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.started = nanoTime.getAsLong();
    this.lastDrawn = started;
  }

  void update(long done) {
    if (!enabled) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - lastDrawn < INTERVAL_NANOS) {
      return;
    }
    lastDrawn = now;
    double seconds = (now - started) / 1e9;
    long perSecond = seconds > 0 ? Math.round(done / seconds) : 0;
    String count = total > 0 ? String.format(Locale.ROOT, "%,d/%,d rows (%d%%)", done, total, done * 100 / total) : String.format(Locale.ROOT, "%,d rows", done);
    err.print("\r" + phase + ": " + count + ", " + String.format(Locale.ROOT, "%,d", perSecond) + " rows/s   ");
    err.flush();
    drawn = true;
  }

  /** Ends the progress line, if one was drawn. */
  void finish() {
    if (drawn) {
      err.println();
      err.flush();
      drawn = false;
    }
  }
}
