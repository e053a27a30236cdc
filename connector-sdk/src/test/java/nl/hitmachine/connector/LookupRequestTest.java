package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LookupRequestTest {
  static final String A1 = "v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA";
  static final String A2 = "k2026a.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  static final String B1 = "v1.BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA";

  @Test
  void build_subjectsAndHousehold_countsAllSubjects() {
    LookupRequest r =
        LookupRequest.builder("screening", "VH-2026-0001", "j.jansen")
            .subject(A1)
            .subject(B1)
            .household("H000017", List.of(List.of(A1, A2), List.of(B1)))
            .build();
    assertThat(r.subjects()).containsExactly(List.of(A1), List.of(B1));
    assertThat(r.households()).singleElement().satisfies(h -> assertThat(h.members()).hasSize(2));
    assertThat(r.subjectCount()).isEqualTo(4);
  }

  @Test
  void subject_rawBsn_rejectedWithoutEchoingIt() {
    LookupRequest.Builder b = LookupRequest.builder("screening", "VH-1", "j.jansen");
    assertThatThrownBy(() -> b.subject("123456782"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("123456782");
    assertThatThrownBy(() -> b.household("H1", List.of(List.of("123456782"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("123456782");
  }

  @Test
  void subject_twoAliasesWithTheSameKid_rejected() {
    assertThatThrownBy(() -> LookupRequest.builder("screening", "VH-1", "j").subject(A1, B1))
        .hasMessageContaining("different kid");
  }

  @Test
  void builder_caseRefOrHouseholdRefIsABsn_rejected() {
    assertThatThrownBy(() -> LookupRequest.builder("screening", "123456782", "j")).hasMessageContaining("BSN");
    assertThatThrownBy(() -> LookupRequest.builder("screening", "VH-1", "j").household("123456782", List.of(List.of(A1))))
        .hasMessageContaining("BSN");
  }

  @Test
  void builder_missingPurposeOrRequester_rejected() {
    assertThatThrownBy(() -> LookupRequest.builder(" ", "VH-1", "j")).hasMessageContaining("purpose");
    assertThatThrownBy(() -> LookupRequest.builder("screening", "VH-1", "")).hasMessageContaining("requestedBy");
  }

  @Test
  void build_nothingToLookUp_rejected() {
    assertThatThrownBy(() -> LookupRequest.builder("screening", "VH-1", "j").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> LookupRequest.builder("screening", "VH-1", "j").household("H1", List.of()))
        .hasMessageContaining("at least one member");
  }
}
