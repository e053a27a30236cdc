package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import nl.hitmachine.service.hit.RegistrationItem;
import org.junit.jupiter.api.Test;

class RegistrationLineParserTest {
  private static RegistrationItem parse(String line) throws RegistrationLineParser.InvalidLine {
    byte[] b = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
    return RegistrationLineParser.parse(b, 2, b.length - 4); // offset and length are honoured
  }

  @Test
  void parse_fullLine_keepsFields() throws Exception {
    RegistrationItem item = parse("{\"subject\":\"p\",\"validUntil\":\"2027-01-31\",\"ref\":\"LP-1\"}");
    assertThat(item).isEqualTo(new RegistrationItem("p", "2027-01-31", "LP-1", null));
  }

  @Test
  void parse_wrongKindsAndUnknownFields_areKeptForTheUseCase() throws Exception {
    RegistrationItem item = parse("{\"subject\":42,\"zeta\":1,\"agency\":{\"x\":[1]},\"ref\":null}");
    assertThat(item.subject()).isEqualTo(42);
    assertThat(item.ref()).isNull();
    assertThat(item.unknownField()).isEqualTo("agency");
  }

  @Test
  void parse_notAnObjectOrNotJson_isRefusedWithoutEcho() {
    assertThatThrownBy(() -> parse("[\"123456782\"]")).hasMessage("must be a JSON object {\"subject\":…}");
    assertThatThrownBy(() -> parse("\"123456782\"")).hasMessage("must be a JSON object {\"subject\":…}");
    assertThatThrownBy(() -> parse("{\"subject\":\"123456782\"")).hasMessage("not valid JSON");
    assertThatThrownBy(() -> parse("{} {}")).hasMessage("not valid JSON");
    assertThatThrownBy(() -> parse("{not json")).hasMessage("not valid JSON");
  }
}
