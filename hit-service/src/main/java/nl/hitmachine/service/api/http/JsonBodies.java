package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Map;
import nl.hitmachine.service.failure.ProblemException;

/**
 * Decodes JSON request bodies, with problem details that never echo the input. Strict JSON, as
 * for lookups: UTF-8 only, no comments (Vert.x's own decoder allows them), nothing after the
 * value, and a nesting depth of at most 32 (the registration bodies need 3; Vert.x allows 1000,
 * recursively).
 */
final class JsonBodies {
  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonBodies() {}

  @SuppressWarnings("unchecked")
  static JsonObject object(Buffer body) {
    byte[] bytes = body.getBytes();
    if (!Utf8.isValid(bytes, 0, bytes.length)) {
      throw ProblemException.invalid("the body is not valid JSON (UTF-8 expected)");
    }
    Object value;
    try {
      value = JSON.readValue(bytes, Object.class);
    } catch (IOException e) { // also an empty body, too deep a nesting, too long a number
      throw ProblemException.invalid("the body is not valid JSON");
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw ProblemException.invalid("the body must be a JSON object");
    }
    return new JsonObject((Map<String, Object>) map);
  }
}
