package nl.hitmachine.connector.cli;

import java.util.Arrays;
import nl.hitmachine.connector.Bsn;

/**
 * Counts BSNs that occur more than once in an export, with four bytes per row (a BSN fits in an
 * int), never as objects per row.
 */
final class DuplicateCounter {
  private int[] values = new int[1024];
  private int size;

  void add(Bsn bsn) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    values[size++] = Integer.parseInt(bsn.digits());
  }

  /** Rows whose BSN occurred in an earlier row. */
  long duplicates() {
    Arrays.sort(values, 0, size);
    long duplicates = 0;
    for (int i = 1; i < size; i++) {
      if (values[i] == values[i - 1]) {
        duplicates++;
      }
    }
    return duplicates;
  }
}
