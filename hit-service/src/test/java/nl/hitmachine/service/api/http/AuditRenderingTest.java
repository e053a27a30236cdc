package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
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
