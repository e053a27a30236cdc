package nl.hitmachine.service.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import nl.hitmachine.service.failure.ItemError;
import nl.hitmachine.service.failure.ProblemException;
import nl.hitmachine.service.hit.HouseholdQuery;
import nl.hitmachine.service.hit.LookupRequest;
import nl.hitmachine.service.hit.RegistrationItem;
import nl.hitmachine.service.hit.SubjectQuery;

/**
 * The properties every request parser must have for ANY input bytes, shared by the fuzz tests:
 *
 * <ul>
 *   <li>it returns a value or throws its documented failure (a {@link ProblemException} with a 4xx
 *       type, or {@link RegistrationLineParser.InvalidLine}) — never another exception or error;
 *   <li>nothing it can show the caller (detail, item pointers and details, the unknown field name
 *       the use case reports) contains a run of 8+ digits (a BSN or part of one) or of 43+ base64url
 *       characters (a pseudonym's MAC) — stricter than "does not echo the input";
 *   <li>a value it accepts matches what an independent parse (Jackson databind) of the same bytes
 *       holds: same subjects, households, registrations, fields.
 * </ul>
 *
 * A violation throws {@link AssertionError} whose message never contains the input (it may hold
 * BSN-like or pseudonym-like text); the caller knows how to reproduce it (seed, corpus file).
 */
final class ParserProperties {
  private static final Pattern DIGIT_RUN = Pattern.compile("[0-9]{8,}");
  private static final Pattern MAC_RUN = Pattern.compile("[A-Za-z0-9_-]{43,}");
  /** The oracle: databind with generous limits, so it accepts everything the parsers may accept. */
  private static final ObjectMapper ORACLE = new ObjectMapper();

  private ParserProperties() {}

  /** {@link LookupRequestParser#parse}. */
  static void lookupRequest(byte[] input) {
    LookupRequest request;
    try {
      request = LookupRequestParser.parse(Buffer.buffer(input));
    } catch (ProblemException e) {
      checkProblem(e);
      return;
    }
    JsonNode tree = oracle(input, "lookup request");
    check(tree.isObject(), "an accepted lookup body is a JSON object");
    checkScalar(request.purpose(), tree.get("purpose"), "purpose");
    checkScalar(request.caseRef(), tree.get("caseRef"), "caseRef");
    checkScalar(request.requestedBy(), tree.get("requestedBy"), "requestedBy");
    checkSubjects(request.subjects(), tree.get("subjects"), "subjects");
    JsonNode households = tree.get("households");
    if (households == null || households.isNull()) {
      check(request.households().isEmpty(), "no households given, none parsed");
    } else {
      check(households.isArray() && households.size() == request.households().size(), "households count");
      for (int i = 0; i < households.size(); i++) {
        HouseholdQuery h = request.households().get(i);
        checkScalar(h.ref(), households.get(i).get("ref"), "households/ref");
        checkSubjects(h.members(), households.get(i).get("members"), "households/members");
      }
    }
  }

  /** {@link RegistrationLineParser#parse}, also at an offset inside a larger array. */
  static void registrationLine(byte[] input) {
    byte[] framed = new byte[input.length + 4];
    framed[0] = '{';
    framed[1] = '"';
    System.arraycopy(input, 0, framed, 2, input.length);
    framed[framed.length - 2] = '"';
    framed[framed.length - 1] = '}';
    RegistrationItem item;
    RegistrationItem framedItem;
    try {
      item = RegistrationLineParser.parse(input, 0, input.length);
    } catch (RegistrationLineParser.InvalidLine e) {
      checkSafe(e.getMessage(), "line problem");
      item = null;
    }
    try {
      framedItem = RegistrationLineParser.parse(framed, 2, input.length);
    } catch (RegistrationLineParser.InvalidLine e) {
      framedItem = null;
    }
    check(java.util.Objects.equals(item, framedItem), "offset and length are honoured (same result inside a larger array)");
    if (item == null) {
      return;
    }
    JsonNode tree = oracle(input, "registration line");
    check(tree.isObject(), "an accepted line is a JSON object");
    checkItem(item, tree, "line");
  }

  /**
   * The JSON registration bodies: {@link JsonBodies#object} and what {@link RegistrationHandlers}
   * makes of it for POST /v1/registrations ({@link RegistrationHandlers#item}) and /remove.
   */
  static void registrationBody(byte[] input) {
    JsonObject json;
    try {
      json = JsonBodies.object(Buffer.buffer(input));
    } catch (ProblemException e) {
      checkProblem(e);
      return;
    }
    JsonNode tree = oracle(input, "registration body");
    check(tree.isObject() && tree.size() == json.size(), "an accepted body is the same JSON object");
    Object list = json.getValue("registrations");
    if (list instanceof JsonArray array) {
      JsonNode items = tree.get("registrations");
      check(items.isArray() && items.size() == array.size(), "registrations count");
      for (int i = 0; i < array.size(); i++) {
        RegistrationItem item = RegistrationHandlers.item(array.getValue(i));
        if (items.get(i).isObject()) {
          checkItem(item, items.get(i), "registration");
        } else {
          check(item.subject() == null && item.unknownField() != null, "a non-object item fails validation");
        }
      }
    }
    Object subjects = json.getValue("subjects");
    if (subjects instanceof JsonArray array) {
      check(new ArrayList<>(array.getList()).size() == tree.get("subjects").size(), "remove subjects count");
    }
  }

  /** {@link JsonScalars#read} at the first token of the input. */
  static void jsonScalars(byte[] input) {
    try (JsonParser p = new JsonFactory().createParser(input)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return;
      }
      Object value = JsonScalars.read(p);
      if (value == JsonScalars.NOT_A_SCALAR) {
        check(first.isStructStart(), "only an object or array is not a scalar");
        check(p.currentToken() != null && p.currentToken().isStructEnd(), "a structure is skipped to its end");
        return;
      }
      check(first.isScalarValue(), "a scalar comes from a scalar token");
      check(value == null || value instanceof String || value instanceof Number || value instanceof Boolean,
          "a scalar keeps its JSON kind");
      JsonNode tree;
      try {
        tree = ORACLE.readTree(input);
      } catch (IOException e) {
        return; // trailing garbage after the first value: the parser would find it on its next token
      }
      checkScalar(value, tree, "scalar");
    } catch (IOException e) {
      // The documented failure of JsonScalars.read: the callers turn it into a 400 / invalid line.
    }
  }

  private static void checkSubjects(List<SubjectQuery> parsed, JsonNode node, String what) {
    if (node == null || node.isNull()) {
      check(parsed.isEmpty(), what + ": none given, none parsed");
      return;
    }
    check(node.isArray() && node.size() == parsed.size(), what + " count");
    for (int i = 0; i < node.size(); i++) {
      SubjectQuery q = parsed.get(i);
      JsonNode n = node.get(i);
      if (n.isArray()) {
        check(q.givenAsList() && q.aliases().size() == n.size(), what + ": alias list size");
        for (int j = 0; j < n.size(); j++) {
          checkScalar(q.aliases().get(j), n.get(j), what + "/alias");
        }
      } else {
        check(!q.givenAsList() && q.aliases().size() == 1, what + ": single subject");
        checkScalar(q.aliases().get(0), n, what);
      }
    }
  }

  private static void checkItem(RegistrationItem item, JsonNode object, String what) {
    checkScalar(item.subject(), object.get("subject"), what + "/subject");
    checkScalar(item.validUntil(), object.get("validUntil"), what + "/validUntil");
    checkScalar(item.ref(), object.get("ref"), what + "/ref");
    boolean hasUnknown = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      hasUnknown |= !RegistrationHandlers.ITEM_FIELDS.contains(it.next().getKey());
    }
    check(hasUnknown == (item.unknownField() != null), what + ": an unknown field is reported exactly when there is one");
    if (item.unknownField() != null) {
      checkSafe(item.unknownField(), what + ": unknown field name as shown");
    }
  }

  /** A parsed raw value against the oracle's node (null node: the field is absent). */
  private static void checkScalar(Object parsed, JsonNode node, String what) {
    if (node == null || node.isNull()) {
      check(parsed == null, what + ": absent or null parses as null");
    } else if (node.isTextual()) {
      check(node.textValue().equals(parsed), what + ": string kept exactly");
    } else if (node.isBoolean()) {
      check(Boolean.valueOf(node.booleanValue()).equals(parsed), what + ": boolean kept");
    } else if (node.isNumber()) {
      check(parsed instanceof Number, what + ": number kept as a number");
      if (node.isIntegralNumber()) {
        check(new BigDecimal(node.bigIntegerValue()).compareTo(new BigDecimal(parsed.toString())) == 0, what + ": integer value kept");
      }
    } else {
      check(parsed == JsonScalars.NOT_A_SCALAR || parsed instanceof Map || parsed instanceof List
          || parsed instanceof JsonObject || parsed instanceof JsonArray, what + ": a structure is not taken for a scalar");
    }
  }

  private static JsonNode oracle(byte[] input, String what) {
    try {
      JsonNode tree = ORACLE.readTree(input);
      check(tree != null && !tree.isMissingNode(), what + " accepted although it holds no JSON value");
      return tree;
    } catch (IOException e) {
      throw new AssertionError(what + " accepted although it is not valid JSON (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A problem a parser throws: 4xx, and nothing in it shaped like a BSN or pseudonym. */
  static void checkProblem(ProblemException e) {
    int status = e.type().status();
    check(status >= 400 && status < 500, "problem type is 4xx, was " + status);
    checkSafe(e.detail(), "problem detail");
    for (ItemError item : e.itemErrors()) {
      checkSafe(item.detail(), "item error detail");
      checkSafe(item.pointer(), "item error pointer");
    }
  }

  static void checkSafe(String shown, String what) {
    if (shown == null) {
      return;
    }
    // Not printed: a violating text holds exactly what must never be logged.
    check(!DIGIT_RUN.matcher(shown).find(), what + " holds a BSN-like digit run");
    check(!MAC_RUN.matcher(shown).find(), what + " holds a pseudonym-like token");
  }

  private static void check(boolean ok, String property) {
    if (!ok) {
      throw new AssertionError("property violated: " + property);
    }
  }
}
