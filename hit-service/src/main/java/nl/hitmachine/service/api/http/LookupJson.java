package nl.hitmachine.service.api.http;

import io.vertx.core.buffer.Buffer;
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

  static Buffer render(LookupAnswer answer) {
    JsonObject json = new JsonObject()
        .put("lookupId", answer.lookupId())
        .put("receipt", new JsonObject()
            .put("sequence", answer.receipt().sequence())
            .put("entryHash", answer.receipt().entryHash()))
        .put("results", results(answer.results()));
    JsonArray households = new JsonArray();
    for (HouseholdResult h : answer.households()) {
      households.add(new JsonObject()
          .put("ref", h.ref())
          .put("results", results(h.results()))
          .put("agencies", agencies(h.agencies()))
          .put("domains", new JsonArray(h.domains()))
          .put("signal", h.signal()));
    }
    return json.put("households", households).toBuffer();
  }

  private static JsonArray results(List<SubjectResult> results) {
    JsonArray out = new JsonArray();
    for (SubjectResult r : results) {
      Object subject = r.subject().givenAsList() ? new JsonArray(r.subject().aliases()) : r.subject().aliases().get(0);
      out.add(new JsonObject()
          .put("subject", subject)
          .put("known", r.known())
          .put("permitted", r.permitted())
          .put("agencies", agencies(r.agencies())));
    }
    return out;
  }

  static JsonArray agencies(List<DisclosedAgency> agencies) {
    JsonArray out = new JsonArray();
    for (DisclosedAgency a : agencies) {
      JsonObject o = new JsonObject().put("code", a.code()).put("name", a.name());
      if (a.domain() != null) {
        o.put("domain", a.domain());
      }
      if (a == DisclosedAgency.PROTECTED) {
        o.put("protected", true);
      }
      out.add(o);
    }
    return out;
  }
}
