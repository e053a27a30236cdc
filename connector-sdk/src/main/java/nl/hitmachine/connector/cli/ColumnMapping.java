package nl.hitmachine.connector.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which fields of an export hold the BSN, the end date and the case reference, found by header
 * name (case-insensitive, surrounding spaces ignored).
 *
 * @param bsn index of the BSN column
 * @param validUntil index of the end-date column, or -1 when none was asked for
 * @param ref index of the case-reference column, or -1 when none was asked for
 * @param names the header names as given on the command line, for messages
 */
record ColumnMapping(int bsn, int validUntil, int ref, Names names) {
  /** The column names asked for; {@code validUntil} and {@code ref} may be null. */
  record Names(String bsn, String validUntil, String ref) {}

  /** A column asked for is not in the header. The message lists the header names found. */
  static final class MissingColumnException extends Exception {
    private static final long serialVersionUID = 1L;

    MissingColumnException(String message) {
      super(message);
    }
  }

  static ColumnMapping resolve(List<String> header, Names names) throws MissingColumnException {
    List<String> missing = new ArrayList<>();
    int bsn = find(header, names.bsn(), "--bsn-column", missing);
    int validUntil = names.validUntil() == null ? -1 : find(header, names.validUntil(), "--valid-until-column", missing);
    int ref = names.ref() == null ? -1 : find(header, names.ref(), "--ref-column", missing);
    if (!missing.isEmpty()) {
      List<String> found = header.stream().map(h -> "'" + h.strip() + "'").toList();
      throw new MissingColumnException(
          String.join("; ", missing) + ". The header has: " + String.join(", ", found));
    }
    return new ColumnMapping(bsn, validUntil, ref, names);
  }

  private static int find(List<String> header, String name, String option, List<String> missing) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        if (found >= 0) {
          missing.add(option + " '" + name + "' matches more than one column");
          return -1;
        }
        found = i;
      }
    }
    if (found < 0) {
      missing.add("no column '" + name + "' (" + option + ")");
    }
    return found;
  }
}
