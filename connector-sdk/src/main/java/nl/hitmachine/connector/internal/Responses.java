package nl.hitmachine.connector.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hitmachine.connector.Agency;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.HouseholdResult;
import nl.hitmachine.connector.LookupResult;
import nl.hitmachine.connector.ReplaceResult;
import nl.hitmachine.connector.SubjectResult;

/** Maps v1 response bodies to the public result types. Unknown fields are ignored. */
public final class Responses {
  private Responses() {}

  /** A 2xx body that does not have the documented shape. */
  public static final class MalformedResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedResponseException(String what) {
      super("unexpected response from hit-service: " + what);
    }
  }

  public static long count(byte[] body, String field) throws IOException {
    return number(object(body, "response"), field, "response");
  }

  public static ReplaceResult replaceResult(byte[] body) throws IOException {
    Map<String, Object> m = object(body, "response");
    return new ReplaceResult(
        number(m, "added", "response"), number(m, "removed", "response"), number(m, "kept", "response"));
  }

  public static LookupResult lookupResult(byte[] body) throws IOException {
    Map<String, Object> m = object(body, "response");
    Object id = m.get("lookupId");
    String lookupId = id == null ? null : String.valueOf(id);
    Map<String, Object> receipt = m.get("receipt") == null ? Map.of() : asObject(m.get("receipt"), "receipt");
    List<SubjectResult> results = new ArrayList<>();
    for (Object o : list(m, "results")) {
      results.add(subjectResult(asObject(o, "results[]")));
    }
    List<HouseholdResult> households = new ArrayList<>();
    for (Object o : list(m, "households")) {
      Map<String, Object> h = asObject(o, "households[]");
      List<SubjectResult> members = new ArrayList<>();
      for (Object r : list(h, "results")) {
        members.add(subjectResult(asObject(r, "households[].results[]")));
      }
      List<String> domains = new ArrayList<>();
      for (Object d : list(h, "domains")) {
        domains.add(String.valueOf(d));
      }
      households.add(
          new HouseholdResult(
              string(h, "ref"), members, agencies(h), domains, Boolean.TRUE.equals(h.get("signal"))));
    }
    return new LookupResult(lookupId, receipt, results, households);
  }

  private static SubjectResult subjectResult(Map<String, Object> r) throws IOException {
    Object subject = r.get("subject");
    if (subject instanceof List<?> aliases && !aliases.isEmpty()) {
      subject = aliases.get(0);
    }
    return new SubjectResult(
        subject == null ? null : String.valueOf(subject),
        Boolean.TRUE.equals(r.get("known")),
        !Boolean.FALSE.equals(r.get("permitted")),
        agencies(r));
  }

  private static List<Agency> agencies(Map<String, Object> m) throws IOException {
    List<Agency> out = new ArrayList<>();
    for (Object o : list(m, "agencies")) {
      if (o instanceof String code) {
        out.add(new Agency(code, null, null));
      } else {
        Map<String, Object> a = asObject(o, "agencies[]");
        out.add(new Agency(string(a, "code"), string(a, "name"), string(a, "domain")));
      }
    }
    return out;
  }

  /**
   * The exception for a non-2xx answer: the RFC 9457 problem if the body is one, otherwise a
   * generic problem with the HTTP status.
   *
   * @param indexOffset added to each item error index (position of the batch in the caller's list)
   */
  public static HitmachineProblemException problem(
      int status, String contentType, byte[] body, String requestId, long indexOffset, Duration retryAfter) {
    if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json") && body.length > 0) {
      try {
        Object parsed = Json.parse(body);
        if (parsed instanceof Map<?, ?>) {
          Map<String, Object> m = asObject(parsed, "problem");
          List<HitmachineProblemException.ItemError> errors = new ArrayList<>();
          for (Object o : list(m, "errors")) {
            if (o instanceof Map<?, ?>) {
              Map<String, Object> e = asObject(o, "errors[]");
              Long index = optionalNumber(e, "index");
              errors.add(
                  new HitmachineProblemException.ItemError(
                      index == null ? null : index + indexOffset,
                      optionalNumber(e, "line"),
                      string(e, "detail")));
            }
          }
          return new HitmachineProblemException(
              string(m, "type"), status, string(m, "title"), string(m, "detail"), errors, requestId, retryAfter);
        }
      } catch (IOException e) {
        // Not a usable problem document: fall through to the generic problem.
      }
    }
    return new HitmachineProblemException(
        HitmachineProblemException.ABOUT_BLANK, status, "HTTP " + status, null, List.of(), requestId, retryAfter);
  }

  private static Map<String, Object> object(byte[] body, String what) throws IOException {
    Object parsed;
    try {
      parsed = Json.parse(body);
    } catch (IOException e) {
      throw new MalformedResponseException("not JSON");
    }
    return asObject(parsed, what);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object o, String what) throws IOException {
    if (o instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new MalformedResponseException(what + " is not a JSON object");
  }

  private static List<?> list(Map<String, Object> m, String field) throws IOException {
    Object o = m.get(field);
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return l;
    }
    throw new MalformedResponseException(field + " is not an array");
  }

  private static long number(Map<String, Object> m, String field, String what) throws IOException {
    if (m.get(field) instanceof Long l) {
      return l;
    }
    throw new MalformedResponseException(what + " has no integer " + field);
  }

  private static Long optionalNumber(Map<String, Object> m, String field) {
    return m.get(field) instanceof Long l ? l : null;
  }

  private static String string(Map<String, Object> m, String field) {
    Object o = m.get(field);
    return o == null ? null : String.valueOf(o);
  }
}
