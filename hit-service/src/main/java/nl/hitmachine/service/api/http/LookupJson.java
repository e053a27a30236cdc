package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.DisclosedAgency;
import nl.hitmachine.service.hit.HouseholdQuery;
import nl.hitmachine.service.hit.HouseholdResult;
import nl.hitmachine.service.hit.LookupAnswer;
import nl.hitmachine.service.hit.LookupRequest;
import nl.hitmachine.service.hit.SubjectQuery;
import nl.hitmachine.service.hit.SubjectResult;

/** The JSON form of lookups (API v1): request parsing and answer rendering. */
final class LookupJson {
  private static final Set<String> FIELDS = Set.of("purpose", "caseRef", "requestedBy", "subjects", "households");
  private static final Set<String> HOUSEHOLD_FIELDS = Set.of("ref", "members");

  private LookupJson() {}

  static LookupRequest parse(Buffer body) {
    JsonObject json = JsonBodies.object(body);
    List<ItemError> errors = new ArrayList<>();
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        errors.add(ItemError.atPointer("/" + field, "is not a lookup field (known: " + String.join(", ", FIELDS) + ")"));
      }
    }
    List<SubjectQuery> subjects = subjects(json.getValue("subjects"), "/subjects", errors);
    List<HouseholdQuery> households = new ArrayList<>();
    Object hs = json.getValue("households");
    if (hs instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.getValue(i) instanceof JsonObject h) {
          for (String field : h.fieldNames()) {
            if (!HOUSEHOLD_FIELDS.contains(field)) {
              errors.add(ItemError.atPointer("/households/" + i + "/" + field, "is not a household field (known: ref, members)"));
            }
          }
          households.add(new HouseholdQuery(h.getValue("ref"), subjects(h.getValue("members"), "/households/" + i + "/members", errors)));
        } else {
          errors.add(ItemError.atPointer("/households/" + i, "must be an object"));
        }
      }
    } else if (hs != null) {
      errors.add(ItemError.atPointer("/households", "must be an array"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("the lookup is not well-formed; nothing was looked up", errors);
    }
    return new LookupRequest(json.getValue("purpose"), json.getValue("caseRef"), json.getValue("requestedBy"), subjects, households);
  }

  private static List<SubjectQuery> subjects(Object value, String pointer, List<ItemError> errors) {
    List<SubjectQuery> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof JsonArray array)) {
      errors.add(ItemError.atPointer(pointer, "must be an array"));
      return out;
    }
    for (int i = 0; i < array.size(); i++) {
      Object s = array.getValue(i);
      if (s instanceof JsonArray aliases) {
        out.add(new SubjectQuery(aliases.getList(), true));
      } else {
        out.add(SubjectQuery.single(s));
      }
    }
    return out;
  }

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * Renders an answer with Jackson's streaming generator: this is the lookup hot path, and tree
   * building plus databind-based encoding cost more than the lookup itself.
   */
  static Buffer render(LookupAnswer answer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("lookupId", answer.lookupId());
      g.writeObjectFieldStart("receipt");
      g.writeNumberField("sequence", answer.receipt().sequence());
      g.writeStringField("entryHash", answer.receipt().entryHash());
      g.writeNumberField("treeSize", answer.receipt().treeSize());
      g.writeEndObject();
      g.writeFieldName("results");
      writeResults(g, answer.results());
      g.writeArrayFieldStart("households");
      for (HouseholdResult h : answer.households()) {
        g.writeStartObject();
        g.writeFieldName("ref");
        writeScalar(g, h.ref());
        g.writeFieldName("results");
        writeResults(g, h.results());
        g.writeFieldName("agencies");
        writeAgencies(g, h.agencies());
        g.writeArrayFieldStart("domains");
        for (String d : h.domains()) {
          g.writeString(d);
        }
        g.writeEndArray();
        g.writeBooleanField("signal", h.signal());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render a lookup answer", e);
    }
    return Buffer.buffer(bytes.toByteArray());
  }

  private static void writeResults(JsonGenerator g, List<SubjectResult> results) throws IOException {
    g.writeStartArray();
    for (SubjectResult r : results) {
      g.writeStartObject();
      g.writeFieldName("subject");
      if (r.subject().givenAsList()) {
        g.writeStartArray();
        for (Object alias : r.subject().aliases()) {
          writeScalar(g, alias);
        }
        g.writeEndArray();
      } else {
        writeScalar(g, r.subject().aliases().get(0));
      }
      g.writeBooleanField("known", r.known());
      g.writeBooleanField("permitted", r.permitted());
      g.writeFieldName("agencies");
      writeAgencies(g, r.agencies());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeAgencies(JsonGenerator g, List<DisclosedAgency> agencies) throws IOException {
    g.writeStartArray();
    for (DisclosedAgency a : agencies) {
      g.writeStartObject();
      g.writeStringField("code", a.code());
      g.writeStringField("name", a.name());
      if (a.domain() != null) {
        g.writeStringField("domain", a.domain());
      }
      if (a == DisclosedAgency.PROTECTED) {
        g.writeBooleanField("protected", true);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** Validated subjects and refs are strings; anything else was refused before an answer exists. */
  private static void writeScalar(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }
}
