package nl.hitmachine.connector.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.format.DateTimeFormatter;
import java.util.List;
import nl.hitmachine.connector.Bsn;
import nl.hitmachine.connector.demo.DemoPopulation;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a demo agency's caseload the way a Dutch case system exports it: {@code ;}-separated,
 * windows-1252, CRLF line ends, Dutch column names, dates as {@code dd-MM-yyyy}, and BSNs in the
 * forms found in real exports (plain, with dots, with spaces, and without the leading zero when a
 * spreadsheet had them as numbers).
 */
final class CaseloadExport {
  static final Charset CHARSET = Charset.forName("windows-1252");
  static final char DELIMITER = ';';
  static final String BSN_COLUMN = "BSN";
  static final String END_DATE_COLUMN = "Einddatum";
  static final String REF_COLUMN = "Dossiernummer";
  static final String NAME_COLUMN = "Naam";
  static final String DATE_PATTERN = "dd-MM-yyyy";

  private static final DateTimeFormatter DATES = DateTimeFormatter.ofPattern(DATE_PATTERN);
  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setDelimiter(DELIMITER)
          .setRecordSeparator("\r\n")
          .setHeader(BSN_COLUMN, END_DATE_COLUMN, REF_COLUMN, NAME_COLUMN)
          .get();

  private CaseloadExport() {}

  /** Writes {@code cases} to a new or replaced {@code file} with permissions 600 (it holds BSNs). */
  static void write(Path file, DemoPopulation city, List<DemoPopulation.Case> cases) throws IOException {
    try (CSVPrinter printer = FORMAT.print(writer(file))) {
      long row = 0;
      for (DemoPopulation.Case c : cases) {
        printer.printRecord(bsnAsExported(c.resident().bsn(), row++), DATES.format(c.validUntil()), c.ref(), city.name(c.resident()));
      }
    }
  }

  /** The BSN in one of the forms real exports have; every form is read back to the same BSN. */
  static String bsnAsExported(Bsn bsn, long row) {
    String d = bsn.digits();
    if (row % 5 == 1) {
      return d.substring(0, 4) + "." + d.substring(4, 6) + "." + d.substring(6); // 1234.56.782
    }
    if (row % 11 == 3) {
      return d.substring(0, 3) + " " + d.substring(3, 6) + " " + d.substring(6); // 123 456 782
    }
    return d.charAt(0) == '0' ? d.substring(1) : d; // a number column drops the leading zero
  }

  private static Writer writer(Path file) throws IOException {
    Files.deleteIfExists(file);
    OutputStream out =
        Files.newOutputStream(
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            StandardOpenOption.WRITE);
    // A name that windows-1252 cannot hold is an error, not a silent '?'.
    return new OutputStreamWriter(
        out, CHARSET.newEncoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
