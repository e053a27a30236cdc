package nl.hitmachine.connector.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.LookupRequest;
import nl.hitmachine.connector.Registration;

/** The wire format of the v1 API, written and read with Jackson's streaming API. */
public final class Json {
  /** Shared and thread-safe once configured. */
  public static final JsonFactory FACTORY = JsonFactory.builder().build();

  private Json() {}

  /** Writes one registration object: {@code {"subject":P,"validUntil"?,"ref"?}}. */
  public static void writeRegistration(JsonGenerator g, Registration r) throws IOException {
    g.writeStartObject();
    g.writeStringField("subject", r.subject());
    if (r.validUntil() != null) {
      g.writeStringField("validUntil", r.validUntil().toString());
    }
    if (r.ref() != null) {
      g.writeStringField("ref", r.ref());
    }
    g.writeEndObject();
  }

  /** {@code {"registrations":[...]}}. */
  public static byte[] registrationsBody(List<Registration> batch) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("registrations");
          for (Registration r : batch) {
            writeRegistration(g, r);
          }
          g.writeEndArray();
          g.writeEndObject();
        },
        64 + batch.size() * 96);
  }

  /** {@code {"subjects":[...]}}. */
  public static byte[] removeBody(List<String> subjects) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("subjects");
          for (String s : subjects) {
            g.writeString(s);
          }
          g.writeEndArray();
          g.writeEndObject();
        },
        32 + subjects.size() * 64);
  }

  /** The lookup body; a subject with one pseudonym is written as a string, aliases as an array. */
  public static byte[] lookupBody(LookupRequest request) {
    return write(
        g -> {
          g.writeStartObject();
          g.writeStringField("purpose", request.purpose());
          g.writeStringField("caseRef", request.caseRef());
          g.writeStringField("requestedBy", request.requestedBy());
          g.writeArrayFieldStart("subjects");
          for (List<String> s : request.subjects()) {
            writeSubject(g, s);
          }
          g.writeEndArray();
          g.writeArrayFieldStart("households");
          for (LookupRequest.Household h : request.households()) {
            g.writeStartObject();
            g.writeStringField("ref", h.ref());
            g.writeArrayFieldStart("members");
            for (List<String> m : h.members()) {
              writeSubject(g, m);
            }
            g.writeEndArray();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        },
        256 + request.subjectCount() * 64);
  }

  private static void writeSubject(JsonGenerator g, List<String> aliases) throws IOException {
    if (aliases.size() == 1) {
      g.writeString(aliases.get(0));
    } else {
      g.writeStartArray();
      for (String a : aliases) {
        g.writeString(a);
      }
      g.writeEndArray();
    }
  }

  /** Writes one JSON document. */
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Writer writer, int sizeHint) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write JSON to memory", e);
    }
    return out.toByteArray();
  }

  /**
   * Parses one JSON document into plain Java values: objects as unmodifiable insertion-ordered
   * maps, arrays as unmodifiable lists, strings, {@link Long} or {@link Double}, {@link Boolean}
   * and {@code null}.
   *
   * @throws IOException if the bytes are not exactly one JSON document
   */
  public static Object parse(byte[] body) throws IOException {
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IOException("empty JSON document");
      }
      Object value = readValue(p, 0);
      if (p.nextToken() != null) {
        throw new IOException("unexpected content after the JSON document");
      }
      return value;
    }
  }

  private static Object readValue(JsonParser p, int depth) throws IOException {
    if (depth > 64) {
      throw new IOException("JSON nested too deeply");
    }
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          map.put(name, readValue(p, depth + 1));
        }
        return Collections.unmodifiableMap(map);
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p, depth + 1));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT -> {
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getDoubleValue()
            : (Object) p.getLongValue();
      }
      case VALUE_NUMBER_FLOAT -> {
        return p.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IOException("unexpected JSON token " + t);
    }
  }
}
