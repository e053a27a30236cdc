package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditCertificate;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.hit.SubjectAccessReport;
import org.junit.jupiter.api.Test;

/** CSV cell neutralisation, HTML escaping and the report's content negotiation. */
class AuditRenderingTest {
  @Test
  void csvNeutralise_prefixesFormulaStarts_only() {
    for (String formula : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
      assertThat(AuditCsv.neutralise(formula)).isEqualTo("'" + formula);
    }
    for (String plain : List.of("agent.a", "a=b", "1-2", "'quoted", " =x")) {
      assertThat(AuditCsv.neutralise(plain)).isEqualTo(plain);
    }
    assertThat(AuditCsv.neutralise(null)).isEmpty();
    assertThat(AuditCsv.header()).isEqualTo(String.join(",", AuditCsv.HEADER) + "\r\n");
  }

  @Test
  void csv_certificateColumns_followRoles_andAreEmptyWithoutACertificate() {
    AuditEntry withCertificate = new AuditEntry(Instant.parse("2026-11-23T09:00:00Z"), "r1", "lp", "leerplicht",
        List.of("connector"), new AuditCertificate("CN=lp,O=LP", "NTRNL-1", "ab".repeat(32)), AuditAction.REGISTER,
        AuditOutcome.OK, null, null, null, null, List.of(), Map.of());
    List<String> cells = AuditCsv.cells(new StoredAuditEntry(7, withCertificate, "cd".repeat(32)));
    int subject = AuditCsv.HEADER.indexOf("certificateSubject");
    assertThat(AuditCsv.HEADER.get(subject - 1)).isEqualTo("roles");
    assertThat(cells.subList(subject, subject + 3)).containsExactly("CN=lp,O=LP", "NTRNL-1", "ab".repeat(32));
    assertThat(cells).hasSameSizeAs(AuditCsv.HEADER);

    AuditEntry without = new AuditEntry(Instant.parse("2026-11-23T09:00:00Z"), "r2", null, null, List.of(),
        AuditAction.REGISTER, AuditOutcome.REFUSED, "unauthenticated", null, null, null, List.of(), Map.of());
    assertThat(AuditCsv.cells(new StoredAuditEntry(8, without, "cd".repeat(32))).subList(subject, subject + 3))
        .containsOnly("");
  }

  @Test
  void html_escapesEveryValue() {
    assertThat(SubjectReportHtml.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    SubjectAccessReport report = new SubjectAccessReport(null, null, Instant.parse("2026-11-23T10:00:00Z"), 10, null, 10,
        List.of(new SubjectAccessReport.Lookup(3, "ab", Instant.parse("2026-11-23T09:00:00Z"), "<b>agency</b>",
            "client\"", "<img src=x onerror=alert(1)>", "screening", "x&y", "ok", true, List.of("<i>"))),
        List.of());
    String html = SubjectReportHtml.render(report);
    assertThat(html).doesNotContain("<b>agency").doesNotContain("<img").doesNotContain("<i>")
        .contains("&lt;img src=x onerror=alert(1)&gt;").contains("x&amp;y").contains("none published yet")
        .doesNotContain("<script");
  }

  @Test
  void prefersHtml_followsQualityThenOrder() {
    assertThat(AuditSearchHandlers.prefersHtml(null)).isFalse();
    assertThat(AuditSearchHandlers.prefersHtml("*/*")).isFalse();
    assertThat(AuditSearchHandlers.prefersHtml("text/html")).isTrue();
    assertThat(AuditSearchHandlers.prefersHtml("text/html,application/xhtml+xml,*/*;q=0.8")).isTrue();
    assertThat(AuditSearchHandlers.prefersHtml("application/json, text/html")).isFalse();
    assertThat(AuditSearchHandlers.prefersHtml("application/json;q=0.5, text/html")).isTrue();
    assertThat(AuditSearchHandlers.prefersHtml("text/html;q=0")).isFalse();
  }
}
