package nl.hitmachine.portal.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nl.hitmachine.portal.screening.ScreeningReport.HouseholdRow;
import nl.hitmachine.portal.screening.ScreeningReport.MemberRow;
import nl.hitmachine.portal.screening.ScreeningReport.Status;
import org.junit.jupiter.api.Test;

class ScreeningCsvTest {
  @Test
  void write_oneLinePerMember_masked_andFormulasDefused() {
    ScreeningReport report = new ScreeningReport("screening", "=HYPERLINK(1)", "J. Jansen", Instant.parse("2026-11-23T09:00:00Z"),
        List.of("L1"),
        List.of(new HouseholdRow("H1", true, List.of("zorg", "wonen", "werk"), List.of("GGZ"),
            List.of(new MemberRow(2, "••••••782", Status.KNOWN, List.of("GGZ")),
                new MemberRow(3, "••••••794", Status.NOT_KNOWN, List.of())))),
        List.of(), List.of());
    List<String> lines = ScreeningCsv.write(report).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("\uFEFFhousehold;signal;domains;row;bsn;answer");
    assertThat(lines.get(1)).contains("H1;yes;zorg|wonen|werk;2;••••••782;known;GGZ;screening;'=HYPERLINK(1)");
    assertThat(lines.get(2)).contains(";3;••••••794;not_known;");
  }
}
