package nl.hitmachine.service.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.hitmachine.service.failure.ProblemException;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  private static JsonObject object(String body) {
    return JsonBodies.object(Buffer.buffer(body));
  }

  @Test
  void object_registrationsBody_isReadAsVertxJson() {
    JsonObject json = object("{\"registrations\":[{\"subject\":\"p\",\"ref\":null},7],\"n\":1.5}");
    JsonArray items = json.getJsonArray("registrations");
    assertThat(items.getJsonObject(0).getString("subject")).isEqualTo("p");
    assertThat(items.getJsonObject(0).containsKey("ref")).isTrue();
    assertThat(items.getValue(1)).isEqualTo(7);
    assertThat(RegistrationHandlers.item(items.getValue(0)).subject()).isEqualTo("p");
  }

  /** Found by RequestParsersFuzzTest: Vert.x's decoder took comments, unlike the lookup parser. */
  @Test
  void object_withComment_isNotValidJson() {
    assertThatThrownBy(() -> object("/* 123456782 */ {\"subjects\":[]}"))
        .isInstanceOf(ProblemException.class).hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> object("{\"subjects\":[] // x\n}")).hasMessage("the body is not valid JSON");
  }

  @Test
  void object_deeperThan32_isNotValidJson() {
    assertThat(object("{\"a\":" + "[".repeat(31) + "]".repeat(31) + "}").size()).isEqualTo(1);
    assertThatThrownBy(() -> object("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}"))
        .isInstanceOf(ProblemException.class).hasMessage("the body is not valid JSON");
  }

  @Test
  void object_emptyTrailingOrNotAnObject_isRefusedWithoutEcho() {
    assertThatThrownBy(() -> object("")).hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> object("{} {}")).hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> object("{\"subjects\": [")).hasMessage("the body is not valid JSON");
    assertThatThrownBy(() -> object("[\"123456782\"]")).hasMessage("the body must be a JSON object");
    assertThatThrownBy(() -> object("null")).hasMessage("the body must be a JSON object");
  }
}
