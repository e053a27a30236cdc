package nl.hitmachine.service.hit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service side of the shared known-answer vectors ({@code testdata/pseudonyms/vectors.json},
 * also used by the connector SDK's tests): every pseudonym a conforming connector makes must pass
 * the service's format check, and a one-character change of it must still be well-formed or be
 * refused for a stated rule — never crash.
 */
class SharedPseudonymVectorsTest {
  private static JsonNode vectors() throws Exception {
    return new ObjectMapper().readTree(Path.of(System.getProperty("hitmachine.root"), "testdata/pseudonyms/vectors.json").toFile());
  }

  @Test
  void format_everyVectorPseudonym_isAccepted() throws Exception {
    PseudonymFormat format = new PseudonymFormat(Set.of());
    JsonNode pseudonyms = vectors().get("pseudonyms");
    assertThat(pseudonyms.size()).isGreaterThanOrEqualTo(5);
    for (JsonNode v : pseudonyms) {
      String p = v.get("pseudonym").asText();
      assertThat(format.problem(p)).as(v.get("name").asText()).isNull();
      assertThat(new PseudonymFormat(Set.of(v.get("kid").asText())).problem(p)).isNull();
      assertThat(new PseudonymFormat(Set.of("otherkid")).problem(p)).contains("kid");
    }
  }

  @Test
  void format_vectorBsnsThemselves_areRefused() throws Exception {
    PseudonymFormat format = new PseudonymFormat(Set.of());
    for (JsonNode v : vectors().get("pseudonyms")) {
      assertThat(format.problem(v.get("bsn9").asText())).isNotNull();
      assertThat(format.problem(v.get("input").asText())).isNotNull();
    }
  }
}
