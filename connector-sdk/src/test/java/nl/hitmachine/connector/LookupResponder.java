package nl.hitmachine.connector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import nl.hitmachine.connector.MockHitService.Recorded;
import nl.hitmachine.connector.MockHitService.Reply;
import nl.hitmachine.connector.internal.Json;

/**
 * Answers {@code POST /v1/lookups} like hit-service would from a small in-memory index of
 * pseudonyms: a subject is known when any of its aliases is registered; results echo the subject
 * as sent; a household's signal needs {@link #SIGNAL_DOMAINS} distinct domains.
 */
public final class LookupResponder implements Function<Recorded, Reply> {
  public static final int SIGNAL_DOMAINS = 2;

  private final Map<String, List<Agency>> index = new HashMap<>();
  private final Set<String> withheld = new HashSet<>();
  private final AtomicInteger lookups = new AtomicInteger();

  /** Registers {@code pseudonym} with these agencies. */
  public LookupResponder know(String pseudonym, Agency... agencies) {
    index.computeIfAbsent(pseudonym, k -> new ArrayList<>()).addAll(List.of(agencies));
    return this;
  }

  /** The legitimate-relation rule withholds the answer about {@code pseudonym}. */
  public LookupResponder withhold(String pseudonym) {
    withheld.add(pseudonym);
    return this;
  }

  @Override
  public Reply apply(Recorded r) {
    if (!r.method().equals("POST") || !r.path().equals("/v1/lookups")) {
      return Reply.problem(404, "https://test/not-found", "Not found", null);
    }
    Map<?, ?> body;
    try {
      body = (Map<?, ?>) Json.parse(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder b = new StringBuilder("{\"lookupId\":\"lk-" + lookups.incrementAndGet() + "\",\"receipt\":{},\"results\":[");
    List<?> subjects = body.get("subjects") == null ? List.of() : (List<?>) body.get("subjects");
    appendResults(b, subjects, new LinkedHashSet<>());
    b.append("],\"households\":[");
    List<?> households = body.get("households") == null ? List.of() : (List<?>) body.get("households");
    for (int i = 0; i < households.size(); i++) {
      Map<?, ?> h = (Map<?, ?>) households.get(i);
      Set<Agency> agencies = new LinkedHashSet<>();
      b.append(i == 0 ? "" : ",").append("{\"ref\":\"").append(h.get("ref")).append("\",\"results\":[");
      appendResults(b, (List<?>) h.get("members"), agencies);
      Set<String> domains = new LinkedHashSet<>();
      agencies.forEach(a -> domains.add(a.domain()));
      b.append("],\"agencies\":");
      appendAgencies(b, agencies);
      b.append(",\"domains\":[");
      b.append(String.join(",", domains.stream().map(d -> "\"" + d + "\"").toList()));
      b.append("],\"signal\":").append(domains.size() >= SIGNAL_DOMAINS).append('}');
    }
    b.append("]}");
    return Reply.json(b.toString());
  }

  private void appendResults(StringBuilder b, List<?> subjects, Set<Agency> union) {
    for (int i = 0; i < subjects.size(); i++) {
      Object s = subjects.get(i);
      List<?> aliases = s instanceof List<?> l ? l : List.of(s);
      boolean permitted = aliases.stream().noneMatch(withheld::contains);
      Set<Agency> agencies = new LinkedHashSet<>();
      if (permitted) {
        aliases.forEach(a -> agencies.addAll(index.getOrDefault((String) a, List.of())));
      }
      union.addAll(agencies);
      String subject = s instanceof List<?> l ? "[\"" + String.join("\",\"", l.stream().map(String::valueOf).toList()) + "\"]" : "\"" + s + "\"";
      b.append(i == 0 ? "" : ",")
          .append("{\"subject\":").append(subject)
          .append(",\"known\":").append(!agencies.isEmpty())
          .append(",\"permitted\":").append(permitted)
          .append(",\"agencies\":");
      appendAgencies(b, agencies);
      b.append('}');
    }
  }

  private static void appendAgencies(StringBuilder b, Set<Agency> agencies) {
    b.append('[');
    int i = 0;
    for (Agency a : agencies) {
      b.append(i++ == 0 ? "" : ",")
          .append("{\"code\":\"").append(a.code()).append("\",\"name\":\"").append(a.name())
          .append("\",\"domain\":\"").append(a.domain()).append("\"}");
    }
    b.append(']');
  }

  /** The request bodies' subjects, for assertions: each subject as its list of aliases. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> body(Recorded r) {
    try {
      return (Map<String, Object>) Json.parse(r.bodyText().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code count} distinct valid BSNs, deterministic, starting after {@code seed}. */
  public static List<Bsn> bsns(int seed, int count) {
    List<Bsn> out = new ArrayList<>(count);
    for (int n = seed * 100_000 + 1; out.size() < count; n++) {
      String eight = String.format("%08d", 10_000_000 + n);
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (9 - i) * (eight.charAt(i) - '0');
      }
      int check = sum % 11;
      if (check == 10) {
        continue;
      }
      out.add(Bsn.parse(eight + check));
    }
    return out;
  }
}
