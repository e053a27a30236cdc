package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistrationTest {
  static final String P = "v1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA";

  @Test
  void constructor_pseudonymValidityAndRef_accepted() {
    Registration r = new Registration(P, LocalDate.of(2026, 6, 30), "LP-000123");
    assertThat(r.subject()).isEqualTo(P);
    assertThat(Registration.of(P).validUntil()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"123456782", "12.34.56.782", "v1.", "client-7", "V1.0vWIVwiG83aDMpZcabV_XyjakqEnoOKdhZSvX7ZVShA"})
  void constructor_subjectNotAPseudonym_rejectedWithoutEchoingIt(String subject) {
    assertThatThrownBy(() -> Registration.of(subject))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pseudonym")
        .hasMessageNotContaining(subject);
  }

  @ParameterizedTest
  @ValueSource(strings = {"123456782", "123.456.782", "12345672"})
  void constructor_refIsABsn_rejectedWithoutEchoingIt(String ref) {
    assertThatThrownBy(() -> new Registration(P, null, ref))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be a BSN")
        .hasMessageNotContaining(ref);
  }

  @Test
  void constructor_refTooLongEmptyOrWithControlCharacters_rejected() {
    assertThatThrownBy(() -> new Registration(P, null, "x".repeat(65))).hasMessageContaining("1 to 64");
    assertThatThrownBy(() -> new Registration(P, null, "")).hasMessageContaining("1 to 64");
    assertThatThrownBy(() -> new Registration(P, null, "a\nb")).hasMessageContaining("control");
    assertThat(new Registration(P, null, "x".repeat(64)).ref()).hasSize(64);
  }

  @Test
  void toString_hidesPseudonymAndRef() {
    assertThat(new Registration(P, LocalDate.of(2026, 6, 30), "LP-000123").toString())
        .doesNotContain(P.substring(3))
        .doesNotContain("LP-000123")
        .contains("v1.***")
        .contains("2026-06-30");
  }
}
