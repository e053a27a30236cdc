package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d{3,}");

  @Test
  void parse_nineValidDigits_keepsThem() {
    assertThat(Bsn.parse("123456782").digits()).isEqualTo("123456782");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.34.56.782", "123-456-782", "1234 5678 2", " 123456782 ", "1-2.3 4-5.6 7-8.2"})
  void parse_spacesDotsAndDashes_areRemoved(String input) {
    assertThat(Bsn.parse(input).digits()).isEqualTo("123456782");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345672", "1234.5672", "012345672"})
  void parse_eightDigits_leftPadsWithZero(String input) {
    assertThat(Bsn.parse(input).digits()).isEqualTo("012345672");
  }

  @Test
  void parse_veryShortValidNumber_leftPadsToNineDigits() {
    assertThat(Bsn.parse("12").digits()).isEqualTo("000000012");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "123456789|CHECK_DIGIT",
        "123456783|CHECK_DIGIT",
        "12345678|CHECK_DIGIT",
        "000000000|ALL_ZEROS",
        "0|ALL_ZEROS",
        "00.000.000|ALL_ZEROS",
        "12345678a|NOT_DIGITS",
        "BSN123456782|NOT_DIGITS",
        "12_345_678_2|NOT_DIGITS",
        "+123456782|NOT_DIGITS",
        "1234567890|TOO_LONG",
        "0123456782|TOO_LONG",
        "12345678901234567890|TOO_LONG",
        "' . - '|EMPTY",
        "''|EMPTY"
      })
  void parse_invalidInput_rejectsWithReason(String input, InvalidBsnException.Reason reason) {
    InvalidBsnException e = catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse(input));
    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(Bsn.isValid(input)).isFalse();
  }

  @Test
  void parse_tabOrNonAsciiDigits_notDigits() {
    assertThat(catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse("12345678\t2")).reason())
        .isEqualTo(InvalidBsnException.Reason.NOT_DIGITS);
    // Arabic-Indic digits are digits to Character.isDigit, but not to the BSN contract.
    assertThat(catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse("١٢٣٤٥٦٧٨٢")).reason())
        .isEqualTo(InvalidBsnException.Reason.NOT_DIGITS);
  }

  @Test
  void parse_null_empty() {
    assertThat(catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse(null)).reason())
        .isEqualTo(InvalidBsnException.Reason.EMPTY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"123456789", "1234567890", "12345678a", "000000000", "98765432", "123.456.789", "9876543210123"})
  void parse_invalidInput_messageNeverContainsTheNumber(String input) {
    InvalidBsnException e = catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse(input));
    String stripped = input.replaceAll("[ .\\-]", "");
    assertThat(e.getMessage()).doesNotContain(input).doesNotContain(stripped);
    assertThat(DIGIT_RUN.matcher(e.getMessage()).find()).as("no run of digits in: %s", e.getMessage()).isFalse();
    assertThat(e.toString()).doesNotContain(stripped);
  }

  @Test
  void checkDigit_randomPrefixes_exactlyTheElevenCheckDigitIsAccepted() {
    Random random = new Random(1);
    for (int n = 0; n < 2_000; n++) {
      String prefix = String.format("%08d", random.nextInt(100_000_000));
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (9 - i) * (prefix.charAt(i) - '0');
      }
      for (int d = 0; d <= 9; d++) {
        boolean expected = (sum - d) % 11 == 0 && !(prefix + d).equals("000000000");
        assertThat(Bsn.isValid(prefix + d)).as("%s%d", prefix, d).isEqualTo(expected);
      }
    }
  }

  @Test
  void toString_neverShowsTheNumber() {
    Bsn bsn = Bsn.parse("123456782");
    assertThat(bsn.toString()).isEqualTo("Bsn[***]");
    assertThat(String.valueOf(java.util.List.of(bsn))).doesNotContain("123456782");
  }

  @Test
  void equals_sameNumberDifferentlyWritten_equal() {
    assertThat(Bsn.parse("12.34.56.782")).isEqualTo(Bsn.parse("123456782")).hasSameHashCodeAs(Bsn.parse("123-456-782"));
    assertThat(Bsn.parse("123456782")).isNotEqualTo(Bsn.parse("111222333"));
  }

  @Test
  void parse_invalid_isAnIllegalArgumentException() {
    assertThatThrownBy(() -> Bsn.parse("x")).isInstanceOf(IllegalArgumentException.class);
  }
}
