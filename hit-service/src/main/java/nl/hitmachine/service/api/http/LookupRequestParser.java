package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.HouseholdQuery;
import nl.hitmachine.service.hit.LookupRequest;
import nl.hitmachine.service.hit.SubjectQuery;

/**
 * Reads a lookup request body (API v1) with Jackson's streaming parser — the lookup hot path —
 * straight into a {@link LookupRequest}. Values keep their JSON kind (string, number, boolean,
 * null; objects and arrays where a scalar belongs become a non-string marker) so the use case can
 * say precisely what is wrong. Problems never echo the input.
 */
final class LookupRequestParser {
  private static final Set<String> FIELDS = Set.of("purpose", "caseRef", "requestedBy", "subjects", "households");
  private static final Set<String> HOUSEHOLD_FIELDS = Set.of("ref", "members");
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(64 * 1024).build())
      .build();

  private LookupRequestParser() {}

  static LookupRequest parse(Buffer body) {
    List<ItemError> errors = new ArrayList<>();
    Object purpose = null;
    Object caseRef = null;
    Object requestedBy = null;
    List<SubjectQuery> subjects = new ArrayList<>();
    List<HouseholdQuery> households = new ArrayList<>();
    byte[] bytes = body.getBytes();
    if (!Utf8.isValid(bytes, 0, bytes.length)) {
      throw ProblemException.invalid("the body is not valid JSON (UTF-8 expected)");
    }
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ProblemException.invalid("the body must be a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "purpose" -> purpose = JsonScalars.read(p);
          case "caseRef" -> caseRef = JsonScalars.read(p);
          case "requestedBy" -> requestedBy = JsonScalars.read(p);
          case "subjects" -> subjects = subjects(p, "/subjects", errors);
          case "households" -> households = households(p, errors);
          default -> {
            errors.add(unknownField("", field, "lookup", FIELDS));
            p.skipChildren();
          }
        }
      }
      if (p.nextToken() != null) {
        throw ProblemException.invalid("the body is not valid JSON");
      }
    } catch (JsonProcessingException e) {
      throw ProblemException.invalid("the body is not valid JSON");
    } catch (IOException e) {
      throw ProblemException.invalid("the body could not be read");
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid("the lookup is not well-formed; nothing was looked up", errors);
    }
    return new LookupRequest(purpose, caseRef, requestedBy, subjects, households);
  }


  private static List<SubjectQuery> subjects(JsonParser p, String pointer, List<ItemError> errors) throws IOException {
    List<SubjectQuery> out = new ArrayList<>();
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return out;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      errors.add(ItemError.atPointer(pointer, "must be an array"));
      p.skipChildren();
      return out;
    }
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == JsonToken.START_ARRAY) {
        List<Object> aliases = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          aliases.add(JsonScalars.read(p));
        }
        out.add(new SubjectQuery(aliases, true));
      } else {
        out.add(SubjectQuery.single(JsonScalars.read(p)));
      }
    }
    return out;
  }

  /**
   * An unknown field: named in the pointer when its name is plain; otherwise (it could be a BSN or
   * a pseudonym used as a key) the pointer is the enclosing object's and the name is not shown.
   */
  private static ItemError unknownField(String at, String field, String kind, Set<String> known) {
    String rule = " a " + kind + " field (known: " + String.join(", ", known) + ")";
    if (FieldNames.showable(field)) {
      return ItemError.atPointer(at + "/" + field, "is not" + rule);
    }
    return ItemError.atPointer(at, "has a field that is not" + rule + "; its name is not shown");
  }

  private static List<HouseholdQuery> households(JsonParser p, List<ItemError> errors) throws IOException {
    List<HouseholdQuery> out = new ArrayList<>();
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return out;
    }
    if (p.currentToken() != JsonToken.START_ARRAY) {
      errors.add(ItemError.atPointer("/households", "must be an array"));
      p.skipChildren();
      return out;
    }
    int i = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String at = "/households/" + i++;
      if (p.currentToken() != JsonToken.START_OBJECT) {
        errors.add(ItemError.atPointer(at, "must be an object"));
        p.skipChildren();
        continue;
      }
      Object ref = null;
      List<SubjectQuery> members = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if (field.equals("ref")) {
          ref = JsonScalars.read(p);
        } else if (field.equals("members")) {
          members = subjects(p, at + "/members", errors);
        } else {
          errors.add(unknownField(at, field, "household", HOUSEHOLD_FIELDS));
          p.skipChildren();
        }
      }
      out.add(new HouseholdQuery(ref, members));
    }
    return out;
  }
}
