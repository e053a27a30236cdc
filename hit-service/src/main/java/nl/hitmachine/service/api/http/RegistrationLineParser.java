package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import nl.hitmachine.service.hit.RegistrationItem;

/**
 * Reads one NDJSON line of a full-caseload replace — millions per upload — with Jackson's
 * streaming parser straight into a {@link RegistrationItem}, without building a JSON tree.
 * Values keep their JSON kind so the use case can say what is wrong; details never echo input.
 */
final class RegistrationLineParser {
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
      .build();

  /** A line that is not a JSON object; the message is safe to return. */
  static final class InvalidLine extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidLine(String message) {
      super(message, null, false, false);
    }
  }

  private RegistrationLineParser() {}

  static RegistrationItem parse(byte[] bytes, int offset, int length) throws InvalidLine {
    Object subject = null;
    Object validUntil = null;
    Object ref = null;
    String unknown = null;
    if (!Utf8.isValid(bytes, offset, length)) {
      throw new InvalidLine("not valid JSON (UTF-8 expected)");
    }
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first != JsonToken.START_OBJECT) {
        if (first == JsonToken.START_ARRAY || (first != null && first.isScalarValue())) {
          throw new InvalidLine("must be a JSON object {\"subject\":…}");
        }
        throw new InvalidLine("not valid JSON");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        Object value = JsonScalars.read(p);
        switch (field) {
          case "subject" -> subject = value;
          case "validUntil" -> validUntil = value;
          case "ref" -> ref = value;
          default -> {
            if (unknown == null || field.compareTo(unknown) < 0) {
              unknown = field;
            }
          }
        }
      }
      if (p.nextToken() != null) {
        throw new InvalidLine("not valid JSON");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidLine("not valid JSON");
    } catch (IOException e) {
      throw new InvalidLine("not valid JSON");
    }
    return new RegistrationItem(subject, validUntil, ref, unknown == null ? null : FieldNames.shown(unknown));
  }
}
