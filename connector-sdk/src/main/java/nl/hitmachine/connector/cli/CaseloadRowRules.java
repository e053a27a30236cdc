package nl.hitmachine.connector.cli;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.InvalidBsnException;
import nl.hitmachine.connector.Registration;
import org.apache.commons.csv.CSVRecord;

/**
 * Turns a record of an export into a {@link CaseloadRow}: the BSN must pass {@link Bsn#parse}, the
 * end date (if mapped and not empty) must have the date pattern and not lie before today, the case
 * reference (if mapped and not empty) must be at most 64 printable characters and not a BSN.
 * Reasons name the column and the rule, never the value.
 */
final class CaseloadRowRules {
  private final ColumnMapping columns;
  private final DateTimeFormatter dates;
  private final String datePattern;
  private final LocalDate today;

  /**
   * @param datePattern a {@link DateTimeFormatter} pattern such as {@code dd-MM-yyyy}, applied
   *     strictly (no 31 February)
   * @throws IllegalArgumentException if the pattern is not valid
   */
  CaseloadRowRules(ColumnMapping columns, String datePattern, LocalDate today) {
    this.columns = columns;
    this.datePattern = datePattern;
    this.dates = dateFormatter(datePattern);
    this.today = today;
  }

  /**
   * The strict formatter for a user's date pattern.
   *
   * @throws IllegalArgumentException if the pattern is not valid
   */
  static DateTimeFormatter dateFormatter(String pattern) {
    return DateTimeFormatter.ofPattern(strictYears(pattern)).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Strict resolving needs the proleptic year {@code u}; users write {@code y}. Quoted text is kept. */
  private static String strictYears(String pattern) {
    StringBuilder b = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (char c : pattern.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      }
      b.append(!quoted && c == 'y' ? 'u' : c);
    }
    return b.toString();
  }

  CaseloadRow check(CSVRecord record, long row, long line) {
    List<String> problems = new ArrayList<>();
    Bsn bsn = null;
    String bsnText = field(record, columns.bsn(), columns.names().bsn(), problems);
    if (bsnText != null) {
      try {
        bsn = Bsn.parse(bsnText);
      } catch (InvalidBsnException e) {
        problems.add(columns.names().bsn() + ": " + e.getMessage() + " [" + e.reason() + "]");
      }
    }
    LocalDate validUntil = null;
    if (columns.validUntil() >= 0) {
      String text = field(record, columns.validUntil(), columns.names().validUntil(), problems);
      if (text != null && !text.isEmpty()) {
        try {
          validUntil = LocalDate.parse(text, dates);
          if (validUntil.isBefore(today)) {
            problems.add(columns.names().validUntil() + ": the end date lies in the past (hit-service refuses it)");
          }
        } catch (DateTimeParseException e) {
          problems.add(columns.names().validUntil() + ": not a date of the form " + datePattern);
        }
      }
    }
    String ref = null;
    if (columns.ref() >= 0) {
      String text = field(record, columns.ref(), columns.names().ref(), problems);
      if (text != null && !text.isEmpty()) {
        String refProblem = refProblem(text);
        if (refProblem == null) {
          ref = text;
        } else {
          problems.add(columns.names().ref() + ": " + refProblem);
        }
      }
    }
    if (!problems.isEmpty()) {
      return new CaseloadRow.Invalid(row, line, String.join("; ", problems));
    }
    return new CaseloadRow.Valid(row, line, bsn, validUntil, ref);
  }

  private static String field(CSVRecord record, int index, String name, List<String> problems) {
    if (index >= record.size()) {
      problems.add("missing column " + name + " (the row has " + record.size() + " fields)");
      return null;
    }
    return record.get(index).strip();
  }

  private static String refProblem(String ref) {
    if (ref.length() > Registration.MAX_REF_LENGTH) {
      return "longer than " + Registration.MAX_REF_LENGTH + " characters";
    }
    for (int i = 0; i < ref.length(); i++) {
      if (Character.isISOControl(ref.charAt(i))) {
        return "contains a control character";
      }
    }
    if (Bsn.isValid(ref)) {
      return "looks like a BSN (passes the 11-check); a case reference must be an own case number";
    }
    return null;
  }
}
