package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads the value at a streaming parser's current token as a raw scalar, keeping its JSON kind
 * (string, number, boolean, null). An object or array where a scalar belongs is skipped and
 * becomes {@link #NOT_A_SCALAR}, so the use case can say "must be a string" without echoing it.
 */
final class JsonScalars {
  /** Stands for a JSON object or array found where a scalar belongs. */
  static final Object NOT_A_SCALAR = new Object() {
    @Override
    public String toString() {
      return "(not a scalar)";
    }
  };

  private JsonScalars() {}

  static Object read(JsonParser p) throws IOException {
    return switch (p.currentToken()) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> {
        p.skipChildren();
        yield NOT_A_SCALAR;
      }
    };
  }
}
