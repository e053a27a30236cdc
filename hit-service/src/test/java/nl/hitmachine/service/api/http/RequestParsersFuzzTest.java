package nl.hitmachine.service.api.http;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Tag;

/**
 * Fuzz tests (Jazzer) of the request parsers: for any bytes, each parser returns a value that
 * matches an independent parse or fails with its documented 4xx problem / invalid line, and
 * nothing it can show the caller looks like a BSN or a pseudonym ({@link ParserProperties}).
 *
 * <p>In the normal build (surefire execution {@code fuzz}, tag {@code fuzz}) this runs in
 * regression mode: every file under {@code src/test/resources/nl/hitmachine/service/api/http/
 * RequestParsersFuzzTestInputs/<method>/} once — a few seconds. With {@code JAZZER_FUZZ=1} Jazzer
 * fuzzes one method for {@code maxDuration}; see DEVELOPERS.md, "Fuzzing". A finding is saved as
 * a file named after the input's hash (which reproduces it), never printed as text.
 */
@Tag("fuzz")
class RequestParsersFuzzTest {
  @FuzzTest(maxDuration = "5m")
  @DictionaryFile(resourcePath = "RequestParsersFuzzTest.dict")
  void lookupRequest(byte[] input) {
    ParserProperties.lookupRequest(input);
  }

  @FuzzTest(maxDuration = "5m")
  @DictionaryFile(resourcePath = "RequestParsersFuzzTest.dict")
  void registrationLine(byte[] input) {
    ParserProperties.registrationLine(input);
  }

  @FuzzTest(maxDuration = "5m")
  @DictionaryFile(resourcePath = "RequestParsersFuzzTest.dict")
  void registrationBody(byte[] input) {
    ParserProperties.registrationBody(input);
  }

  @FuzzTest(maxDuration = "5m")
  @DictionaryFile(resourcePath = "RequestParsersFuzzTest.dict")
  void jsonScalars(byte[] input) {
    ParserProperties.jsonScalars(input);
  }
}
