package nl.hitmachine.service.api.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditSubject;
import nl.hitmachine.service.audit.StoredAuditEntry;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV form of an audit export (RFC 4180 via Apache Commons CSV, CRLF line ends): one header
 * row, then one row per entry. The client certificate of a mutual TLS call fills {@code
 * certificateSubject}, {@code certificateOrganizationIdentifier} and {@code certificateSha256}
 * (empty without one). Multi-valued cells are joined with {@code ;}: {@code roles}; per
 * subject, in the entry's order, {@code subjectPseudonyms} (a subject's aliases joined with
 * {@code |}), {@code subjectPermitted} ({@code true}/{@code false}) and {@code subjectDisclosed}
 * (agency codes joined with {@code |}); {@code counts} as {@code key=value;…} in key order.
 *
 * <p>Spreadsheet formula injection is neutralised: a cell that starts with {@code = + - @}, tab or
 * carriage return gets a leading apostrophe, because caller-provided text (caseRef, requestedBy)
 * ends up in these cells.
 */
final class AuditCsv {
  static final List<String> HEADER = List.of("seq", "time", "requestId", "clientId", "agency", "roles",
      "certificateSubject", "certificateOrganizationIdentifier", "certificateSha256", "action",
      "outcome", "problemType", "purpose", "caseRef", "requestedBy", "subjectPseudonyms", "subjectPermitted",
      "subjectDisclosed", "counts", "entryHash");

  private static final java.time.format.DateTimeFormatter TIME =
      new java.time.format.DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

  private AuditCsv() {}

  /** The header row. */
  static String header() {
    return rows(List.of(), true);
  }

  /** The rows of {@code entries}, with the header row first when {@code withHeader}. */
  static String rows(List<StoredAuditEntry> entries, boolean withHeader) {
    StringBuilder out = new StringBuilder(entries.size() * 400 + 200);
    try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
      if (withHeader) {
        printer.printRecord(HEADER);
      }
      for (StoredAuditEntry e : entries) {
        printer.printRecord(cells(e));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
    return out.toString();
  }

  static List<String> cells(StoredAuditEntry stored) {
    AuditEntry e = stored.entry();
    List<String> pseudonyms = new ArrayList<>();
    List<String> permitted = new ArrayList<>();
    List<String> disclosed = new ArrayList<>();
    for (AuditSubject s : e.subjects()) {
      pseudonyms.add(String.join("|", s.auditPseudonyms()));
      permitted.add(Boolean.toString(s.permitted()));
      disclosed.add(String.join("|", s.disclosed()));
    }
    List<String> counts = new ArrayList<>();
    for (Map.Entry<String, Long> c : new TreeMap<>(e.counts()).entrySet()) {
      counts.add(c.getKey() + "=" + c.getValue());
    }
    List<String> cells = new ArrayList<>(HEADER.size());
    cells.add(Long.toString(stored.sequence()));
    cells.add(TIME.format(e.time()));
    cells.add(e.requestId());
    cells.add(e.clientId());
    cells.add(e.agency());
    cells.add(String.join(";", e.roles()));
    cells.add(e.certificate() == null ? null : e.certificate().subject());
    cells.add(e.certificate() == null ? null : e.certificate().organizationIdentifier());
    cells.add(e.certificate() == null ? null : e.certificate().sha256());
    cells.add(e.action().wireName());
    cells.add(e.outcome().wireName());
    cells.add(e.problemType());
    cells.add(e.purpose());
    cells.add(e.caseRef());
    cells.add(e.requestedBy());
    cells.add(String.join(";", pseudonyms));
    cells.add(String.join(";", permitted));
    cells.add(String.join(";", disclosed));
    cells.add(String.join(";", counts));
    cells.add(stored.entryHash());
    cells.replaceAll(AuditCsv::neutralise);
    return cells;
  }

  /** A leading apostrophe for a cell a spreadsheet would read as a formula; {@code null} → empty. */
  static String neutralise(String cell) {
    if (cell == null || cell.isEmpty()) {
      return "";
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
  }
}
