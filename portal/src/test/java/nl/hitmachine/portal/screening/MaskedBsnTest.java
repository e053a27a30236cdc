package nl.hitmachine.portal.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskedBsnTest {
  @Test
  void of_aNineDigitBsn_showsOnlyTheLastThreeDigits() {
    assertThat(MaskedBsn.of("123456782")).isEqualTo("••••••782").doesNotContain("123456");
  }

  @Test
  void of_formattedInput_ignoresSeparators() {
    assertThat(MaskedBsn.of("1234.56.782")).isEqualTo("••••••782");
  }

  @Test
  void of_aShortFragment_showsNoDigitAtAll() {
    assertThat(MaskedBsn.of("12ab")).isEqualTo("•••••••••");
    assertThat(MaskedBsn.of("")).isEqualTo("•••••••••");
  }
}
