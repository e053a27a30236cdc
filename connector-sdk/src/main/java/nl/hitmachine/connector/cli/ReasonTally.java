package nl.hitmachine.connector.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts invalid rows per reason, so that a file with thousands of bad rows ends with a short
 * overview. Reasons never hold row values, so there are few distinct ones; past {@value #MAX}
 * the rest is counted as "other reasons".
 */
final class ReasonTally {
  static final int MAX = 20;

  private final Map<String, Long> counts = new LinkedHashMap<>();
  private long other;

  void add(String reason) {
    if (counts.containsKey(reason) || counts.size() < MAX) {
      counts.merge(reason, 1L, Long::sum);
    } else {
      other++;
    }
  }

  void print(PrintWriter err) {
    err.println("Invalid rows by reason:");
    counts.forEach((reason, n) -> err.printf(Locale.ROOT, "%,9d  %s%n", n, reason));
    if (other > 0) {
      err.printf(Locale.ROOT, "%,9d  other reasons%n", other);
    }
  }
}
