package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import nl.hitmachine.service.failure.ProblemException;
import org.junit.jupiter.api.Test;

/**
 * Found by RequestParsersFuzzTest (registrationBody): after Jackson had parsed a certain malformed
 * body, its shared field-name table made it read the invalid UTF-8 name {@code "\xFFr"} as
 * {@code "r"} and accept the body. All parsers now refuse bytes that are not UTF-8.
 */
class InvalidUtf8Test {
  /** The fuzzer's malformed body that primes Jackson's name table ({"rens":[{"ns":[],"r"sxt1."}\xBC}). */
  private static final byte[] PRIMER = Base64.getDecoder().decode("eyJyZW5zIjpbeyJucyI6W10sInIic3h0MS4ifbx9");
  /** {"\xFFr":null} */
  private static final byte[] INVALID_NAME = {'{', '"', (byte) 0xFF, 'r', '"', ':', 'n', 'u', 'l', 'l', '}'};

  @Test
  void utf8_isValid_onlyForWellFormedUtf8() {
    byte[] ok = "{\"a\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(Utf8.isValid(ok, 0, ok.length)).isTrue();
    assertThat(Utf8.isValid(INVALID_NAME, 0, INVALID_NAME.length)).isFalse();
    assertThat(Utf8.isValid(INVALID_NAME, 3, 2)).isTrue(); // offset and length are honoured
    byte[] asciiThenInvalid = ("{\"purpose\":\"" + "x".repeat(500) + "\u00FF\"}").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(Utf8.isValid(asciiThenInvalid, 0, asciiThenInvalid.length)).isFalse(); // past the ASCII run
    assertThat(Utf8.isValid(asciiThenInvalid, 0, asciiThenInvalid.length - 3)).isTrue();
    byte[] overlong = {'"', (byte) 0xC0, (byte) 0xAF, '"'};
    assertThat(Utf8.isValid(overlong, 0, overlong.length)).isFalse();
    byte[] surrogate = {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'};
    assertThat(Utf8.isValid(surrogate, 0, surrogate.length)).isFalse();
  }

  @Test
  void registrationBody_invalidUtf8Name_isRefusedAfterThePrimer() {
    assertThatThrownBy(() -> JsonBodies.object(Buffer.buffer(PRIMER))).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> JsonBodies.object(Buffer.buffer(INVALID_NAME)))
        .isInstanceOf(ProblemException.class).hasMessage("the body is not valid JSON (UTF-8 expected)");
  }

  @Test
  void registrationLine_invalidUtf8Name_isRefusedAfterThePrimer() {
    assertThatThrownBy(() -> RegistrationLineParser.parse(PRIMER, 0, PRIMER.length));
    assertThatThrownBy(() -> RegistrationLineParser.parse(INVALID_NAME, 0, INVALID_NAME.length))
        .isInstanceOf(RegistrationLineParser.InvalidLine.class).hasMessage("not valid JSON (UTF-8 expected)");
  }

  @Test
  void lookup_invalidUtf8Name_isRefusedAfterThePrimer() {
    assertThatThrownBy(() -> LookupRequestParser.parse(Buffer.buffer(PRIMER))).isInstanceOf(ProblemException.class);
    assertThatThrownBy(() -> LookupRequestParser.parse(Buffer.buffer(INVALID_NAME)))
        .isInstanceOf(ProblemException.class).hasMessage("the body is not valid JSON (UTF-8 expected)");
  }
}
