package nl.hitmachine.connector.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One streaming pass over a caseload export: the first record is the header, each further
 * record becomes a checked {@link CaseloadRow}. Holds one record at a time.
 */
final class CaseloadFile implements Closeable, Iterator<CaseloadRow> {
  private final Path file;
  private final CsvInput input;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final CaseloadRowRules rules;
  private long row;

  private CaseloadFile(Path file, CsvInput input, CSVParser parser, Iterator<CSVRecord> records, CaseloadRowRules rules) {
    this.file = file;
    this.input = input;
    this.parser = parser;
    this.records = records;
    this.rules = rules;
  }

  /**
   * Opens {@code file}, reads its header and maps the columns.
   *
   * @param rulesForColumns the row rules for the mapped columns
   * @throws ColumnMapping.MissingColumnException if a named column is not in the header
   * @throws IOException if the file cannot be read or has no header line
   */
  static CaseloadFile open(
      Path file, CsvInput input, ColumnMapping.Names names, Function<ColumnMapping, CaseloadRowRules> rulesForColumns)
      throws IOException, ColumnMapping.MissingColumnException {
    CSVParser parser = input.open(file);
    try {
      Iterator<CSVRecord> records = parser.iterator();
      boolean hasHeader;
      try {
        hasHeader = records.hasNext();
      } catch (UncheckedIOException e) {
        throw readFailure(file, input, parser, e);
      }
      if (!hasHeader) {
        throw new IOException("CSV file " + file + " is empty: it has no header line");
      }
      ColumnMapping columns = ColumnMapping.resolve(records.next().toList(), names);
      return new CaseloadFile(file, input, parser, records, rulesForColumns.apply(columns));
    } catch (IOException | ColumnMapping.MissingColumnException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  @Override
  public boolean hasNext() {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(readFailure(file, input, parser, e));
    }
  }

  @Override
  public CaseloadRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    CSVRecord record = records.next();
    return rules.check(record, ++row, parser.getCurrentLineNumber());
  }

  /** Data rows read so far. */
  long rowsRead() {
    return row;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  private static IOException readFailure(Path file, CsvInput input, CSVParser parser, UncheckedIOException e) {
    Throwable cause = e.getCause();
    long line = parser.getCurrentLineNumber() + 1;
    if (cause instanceof CharacterCodingException) {
      return new IOException(
          "CSV file " + file + " is not valid " + input.charset().name() + " (near line " + line + ")"
              + (input.charset().name().equals("UTF-8")
                  ? "; case-system exports are often windows-1252: try --encoding windows-1252"
                  : ""),
          cause);
    }
    // Malformed quoting and the like; the parser's own message is not repeated, as it may quote data.
    return new IOException(
        "cannot read CSV file " + file + " near line " + line + ": malformed CSV (an unbalanced quote?)", cause);
  }
}
