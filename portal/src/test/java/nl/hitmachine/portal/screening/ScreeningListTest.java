package nl.hitmachine.portal.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.hitmachine.connector.Bsn;
import org.junit.jupiter.api.Test;

class ScreeningListTest {
  private static ScreeningList parse(String text) throws Exception {
    return ScreeningList.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_theDemoFormat_groupsMembersByHouseholdInFirstRowOrder() throws Exception {
    ScreeningList list = parse("household;bsn\nH2;123456782\nH1;111222333\nH2;1234.56.794\n");
    assertThat(list.households()).extracting(h -> h.ref()).containsExactly("H2", "H1");
    assertThat(list.households().get(0).members()).containsExactly(Bsn.parse("123456782"), Bsn.parse("123456794"));
    assertThat(list.memberRows()).containsExactly(List.of(2, 4), List.of(3));
    assertThat(list.problems()).isEmpty();
    assertThat(list.memberCount()).isEqualTo(3);
  }

  @Test
  void parse_commaSeparatedWithBomAndOtherColumnOrder_works() throws Exception {
    ScreeningList list = parse("\uFEFFBSN,Household,name\n123456782,H1,Jansen\n");
    assertThat(list.households()).hasSize(1);
  }

  @Test
  void parse_invalidRows_areReportedByRowNumberWithAMaskedBsnAndAReason() throws Exception {
    ScreeningList list = parse("household;bsn\nH1;123456789\nH1;\n;123456782\nH2;12ab\n123456782;111222333\n");
    assertThat(list.households()).isEmpty();
    assertThat(list.problems()).containsExactly(
        new RowProblem(2, "••••••789", "problem_bsn_check_digit"),
        new RowProblem(3, "•••••••••", "problem_bsn_empty"),
        new RowProblem(4, "••••••782", "problem_missing_field"),
        new RowProblem(5, "•••••••••", "problem_bsn_not_digits"),
        new RowProblem(6, "••••••333", "problem_household_ref"));
  }

  @Test
  void parse_aDuplicateMember_isAskedAboutOnce() throws Exception {
    ScreeningList list = parse("household;bsn\nH1;123456782\nH1;123456782\n");
    assertThat(list.households().get(0).members()).hasSize(1);
    assertThat(list.memberRows().get(0)).containsExactly(2);
  }

  @Test
  void parse_withoutTheColumns_orNotUtf8_isRefusedAsAWhole() {
    assertThatThrownBy(() -> parse("hh;nr\nH1;123456782\n")).hasMessage("upload_no_header");
    assertThatThrownBy(() -> ScreeningList.parse(new byte[] {'h', ';', (byte) 0xff, '\n'})).hasMessage("upload_not_utf8");
    assertThatThrownBy(() -> parse("household;bsn\nH1;\"123456782\n")).hasMessage("upload_malformed");
  }
}
