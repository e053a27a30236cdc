package nl.hitmachine.portal.screening;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import nl.hitmachine.portal.screening.ScreeningReport.HouseholdRow;
import nl.hitmachine.portal.screening.ScreeningReport.MemberRow;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A screening report as CSV for the weeg- en screeningsoverleg (Commons CSV, {@code ;}-separated
 * for Dutch spreadsheets, UTF-8 with BOM). One line per member: household, row, masked BSN, answer,
 * agencies, and the household's signal and domains. Cells that a spreadsheet would run as a formula
 * get a leading {@code '}.
 */
public final class ScreeningCsv {
  private ScreeningCsv() {}

  public static String write(ScreeningReport report) {
    StringWriter out = new StringWriter();
    out.write('\uFEFF');
    CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
    try (CSVPrinter csv = new CSVPrinter(out, format)) {
      csv.printRecord("household", "signal", "domains", "row", "bsn", "answer", "agencies", "purpose", "caseRef", "madeAt");
      for (HouseholdRow h : report.households()) {
        for (MemberRow m : h.members()) {
          csv.printRecord(safe(h.ref()), h.signal() ? "yes" : "no", String.join("|", h.domains()), m.row(), m.maskedBsn(),
              m.status().name().toLowerCase(java.util.Locale.ROOT), safe(String.join("|", m.agencies())),
              safe(report.purpose()), safe(report.caseRef()), report.madeAt().toString());
        }
      }
      for (MemberRow m : report.persons()) {
        csv.printRecord("", "", "", "", m.maskedBsn(), m.status().name().toLowerCase(java.util.Locale.ROOT),
            safe(String.join("|", m.agencies())), safe(report.purpose()), safe(report.caseRef()), report.madeAt().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Defuses spreadsheet formulas (CWE-1236). */
  static String safe(String cell) {
    if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
      return "'" + cell;
    }
    return cell;
  }
}
