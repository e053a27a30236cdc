package nl.hitmachine.service.api.http;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import nl.hitmachine.service.hit.SubjectAccessReport;

/**
 * The printable HTML page of a subject access report: self-contained (inline CSS with print
 * styles, no script, no external resource — served with {@link #CONTENT_SECURITY_POLICY}), every
 * value HTML-escaped. Shows no pseudonym: neither the one given nor any other subject's.
 */
final class SubjectReportHtml {
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2em;color:#111}
      h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.15em;margin-top:1.6em}
      dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2em 1em;margin:1em 0}
      dl.meta dt{font-weight:600}dl.meta dd{margin:0}
      table{border-collapse:collapse;width:100%;font-size:.9em}
      th,td{border:1px solid #999;padding:.3em .5em;text-align:left;vertical-align:top}
      th{background:#eee}td.hash{font-family:monospace;font-size:.8em;word-break:break-all}
      p.note{font-size:.85em;color:#444}
      @media print{body{margin:1cm;font-size:10pt}th{background:none}tr{page-break-inside:avoid}
      thead{display:table-header-group}a{color:inherit;text-decoration:none}}
      """;

  private SubjectReportHtml() {}

  static String render(SubjectAccessReport r) {
    StringBuilder h = new StringBuilder(4096);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>Subject access report</title><style>").append(STYLE).append("</style></head><body>\n")
        .append("<h1>Subject access report</h1>\n")
        .append("<p>Who looked up this person in the hit index, when, why, and what they were told.</p>\n")
        .append("<dl class=\"meta\">");
    meta(h, "Period", (r.from() == null ? "start of the log" : time(r.from())) + " – "
        + (r.to() == null ? "time of generation" : time(r.to()) + " (exclusive)"));
    meta(h, "Lookups", Integer.toString(r.lookups().size()));
    meta(h, "Audit reads about this person", Integer.toString(r.auditReads().size()));
    meta(h, "Generated", time(r.generatedAt()));
    meta(h, "Audit entries read", r.treeSize() == 0 ? "none (the log was empty)"
        : "0 – " + (r.treeSize() - 1) + " (tree size " + r.treeSize() + ")");
    meta(h, "Latest signed checkpoint", r.latestCheckpointTreeSize() == null
        ? "none published yet"
        : "tree size " + r.latestCheckpointTreeSize()
            + (r.latestCheckpointTreeSize() >= r.treeSize() ? " (covers every entry read)" : " (a later checkpoint will cover the entries read)"));
    meta(h, "This report's audit entry", "sequence " + r.reportSequence());
    h.append("</dl>\n");
    h.append("<p class=\"note\">Every entry below is in the verifiable audit log; a signed checkpoint of tree size ")
        .append(r.treeSize())
        .append(" or larger, with an inclusion proof per sequence number, proves it. Agency codes are what the ")
        .append("querier was told about this person; \"none\" means not known to any agency or no answer permitted.</p>\n");

    h.append("<h2>Lookups</h2>\n");
    if (r.lookups().isEmpty()) {
      h.append("<p>No lookup named this person in this period.</p>\n");
    } else {
      h.append("<table><thead><tr><th>#</th><th>Time (UTC)</th><th>Agency</th><th>Client</th><th>Requested by</th>")
          .append("<th>Purpose</th><th>Case reference</th><th>Outcome</th><th>Answer permitted</th>")
          .append("<th>Told</th><th>Entry hash</th></tr></thead><tbody>\n");
      for (SubjectAccessReport.Lookup l : r.lookups()) {
        h.append("<tr>");
        cell(h, Long.toString(l.sequence()));
        cell(h, time(l.time()));
        cell(h, l.agency());
        cell(h, l.clientId());
        cell(h, l.requestedBy());
        cell(h, l.purpose());
        cell(h, l.caseRef());
        cell(h, l.outcome());
        cell(h, l.permitted() ? "yes" : "no");
        cell(h, l.disclosed().isEmpty() ? "none" : String.join(", ", l.disclosed()));
        h.append("<td class=\"hash\">").append(escape(l.entryHash())).append("</td>");
        h.append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }

    h.append("<h2>Audit reads about this person</h2>\n")
        .append("<p class=\"note\">Searches, exports and subject access reports by privacy officers that searched ")
        .append("for this person (this report itself not included).</p>\n");
    if (r.auditReads().isEmpty()) {
      h.append("<p>None in this period.</p>\n");
    } else {
      h.append("<table><thead><tr><th>#</th><th>Time (UTC)</th><th>Agency</th><th>Client</th><th>Action</th>")
          .append("<th>Outcome</th><th>Entry hash</th></tr></thead><tbody>\n");
      for (SubjectAccessReport.AuditRead a : r.auditReads()) {
        h.append("<tr>");
        cell(h, Long.toString(a.sequence()));
        cell(h, time(a.time()));
        cell(h, a.agency());
        cell(h, a.clientId());
        cell(h, a.action());
        cell(h, a.outcome());
        h.append("<td class=\"hash\">").append(escape(a.entryHash())).append("</td>");
        h.append("</tr>\n");
      }
      h.append("</tbody></table>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  private static void meta(StringBuilder h, String term, String value) {
    h.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>");
  }

  private static void cell(StringBuilder h, String value) {
    h.append("<td>").append(value == null ? "" : escape(value)).append("</td>");
  }

  private static String time(Instant t) {
    return TIME.format(t);
  }

  /** Escapes text for HTML element content and attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
