package nl.hitmachine.service.api.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import nl.hitmachine.service.failure.ProblemException;

/** Decodes JSON request bodies, with problem details that never echo the input. */
final class JsonBodies {
  private JsonBodies() {}

  static JsonObject object(Buffer body) {
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(body);
    } catch (DecodeException e) {
      throw ProblemException.invalid("the body is not valid JSON");
    }
    if (!(value instanceof JsonObject json)) {
      throw ProblemException.invalid("the body must be a JSON object");
    }
    return json;
  }
}
