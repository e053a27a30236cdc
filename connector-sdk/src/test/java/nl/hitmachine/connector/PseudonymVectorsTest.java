package nl.hitmachine.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.internal.HmacSha256;
import nl.hitmachine.connector.internal.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared known-answer vectors of testdata/pseudonyms/vectors.json (see its README). */
class PseudonymVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static Map<String, Object> vectors;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws Exception {
    vectors = (Map<String, Object>) Json.parse(Files.readAllBytes(TestData.path("pseudonyms/vectors.json")));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(String name) {
    return (List<Map<String, Object>>) vectors.get(name);
  }

  @Test
  void hmacSha256_rfc4231Cases_matchTheJdkMacUsedForPseudonyms() {
    List<Map<String, Object>> cases = list("hmacSha256");
    assertThat(cases).extracting(c -> c.get("name"))
        .containsExactly(
            "RFC 4231 test case 1", "RFC 4231 test case 2", "RFC 4231 test case 3",
            "RFC 4231 test case 4", "RFC 4231 test case 6", "RFC 4231 test case 7");
    for (Map<String, Object> c : cases) {
      byte[] mac = HmacSha256.compute(HEX.parseHex((String) c.get("key")), HEX.parseHex((String) c.get("data")));
      assertThat(HEX.formatHex(mac)).as((String) c.get("name")).isEqualTo(c.get("expected"));
    }
  }

  @Test
  void pseudonymise_vectors_matchTheIndependentImplementation() {
    List<Map<String, Object>> cases = list("pseudonyms");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    for (Map<String, Object> c : cases) {
      String name = (String) c.get("name");
      Bsn bsn = Bsn.parse((String) c.get("input"));
      assertThat(bsn.digits()).as(name).isEqualTo(c.get("bsn9"));
      assertThat(Pseudonymiser.MESSAGE_PREFIX + bsn.digits()).as(name).isEqualTo(c.get("message"));
      PseudonymKey key =
          new PseudonymKey(
              (String) c.get("kid"), SecretBytes.copyOf(HEX.parseHex((String) c.get("key"))), LocalDate.EPOCH);
      String pseudonym = Pseudonymiser.of(key).pseudonymise(bsn);
      assertThat(pseudonym).as(name).isEqualTo(c.get("pseudonym"));
      assertThat(Pseudonymiser.isPseudonym(pseudonym)).isTrue();
    }
  }

  @Test
  void pseudonymise_vectorsWithTheSameBsnAndKey_givesTheSamePseudonym() {
    List<Map<String, Object>> cases = list("pseudonyms");
    for (Map<String, Object> a : cases) {
      for (Map<String, Object> b : cases) {
        boolean sameInput = a.get("bsn9").equals(b.get("bsn9")) && a.get("kid").equals(b.get("kid"));
        assertThat(a.get("pseudonym").equals(b.get("pseudonym"))).isEqualTo(sameInput);
      }
    }
  }

  @Test
  void parse_invalidVectors_rejectedWithTheRecordedReason() {
    List<Map<String, Object>> cases = list("invalidBsns");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(10);
    for (Map<String, Object> c : cases) {
      String input = (String) c.get("input");
      InvalidBsnException e = catchThrowableOfType(InvalidBsnException.class, () -> Bsn.parse(input));
      assertThat(e).as("input #%s", cases.indexOf(c)).isNotNull();
      assertThat(e.reason().name()).as("input #%s", cases.indexOf(c)).isEqualTo(c.get("reason"));
    }
  }
}
