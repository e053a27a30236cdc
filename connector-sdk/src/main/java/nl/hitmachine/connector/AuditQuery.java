package nl.hitmachine.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The filters of an audit search ({@code GET /v1/audit/entries}, role {@code privacy-officer}). All
 * given filters must hold; unset ones do not filter. {@code subjects} are partner pseudonyms of one
 * person (its aliases under several kids): pseudonymise a BSN locally first, the BSN itself is never
 * accepted. {@link #toString()} shows no subject.
 *
 * <pre>{@code
 * String page = client.auditEntries(AuditQuery.builder().from(monday).action("lookup").limit(50).build());
 * }</pre>
 */
public final class AuditQuery {
  /** The most subject aliases one search takes. */
  public static final int MAX_SUBJECTS = 20;

  private final Map<String, String> single;
  private final List<String> subjects;

  private AuditQuery(Builder b) {
    this.single = Map.copyOf(b.single);
    this.subjects = List.copyOf(b.subjects);
  }

  /** A query without filters: the whole log, first page. */
  public static Builder builder() {
    return new Builder();
  }

  /** The subject pseudonyms given. */
  public List<String> subjects() {
    return subjects;
  }

  /** The query string (without {@code ?}), parameters in a stable order, values URL-encoded. */
  String toQueryString() {
    StringBuilder q = new StringBuilder();
    for (String name : Builder.ORDER) {
      String v = single.get(name);
      if (v != null) {
        append(q, name, v);
      }
    }
    for (String s : subjects) {
      append(q, "subject", s);
    }
    return q.toString();
  }

  private static void append(StringBuilder q, String name, String value) {
    if (!q.isEmpty()) {
      q.append('&');
    }
    q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AuditQuery" + single.keySet() + (subjects.isEmpty() ? "" : "[subjects=" + subjects.size() + "]");
  }

  /** Builds an {@link AuditQuery}; each setter replaces an earlier value, {@code null} clears it. */
  public static final class Builder {
    private static final List<String> ORDER =
        List.of("from", "to", "clientId", "agency", "requestedBy", "purpose", "caseRef", "action", "outcome", "after", "limit");

    private final Map<String, String> single = new LinkedHashMap<>();
    private final List<String> subjects = new ArrayList<>();

    private Builder() {}

    /** Entries at or after this instant. */
    public Builder from(Instant from) {
      return set("from", from == null ? null : from.toString());
    }

    /** Entries before this instant (exclusive). */
    public Builder to(Instant to) {
      return set("to", to == null ? null : to.toString());
    }

    public Builder clientId(String clientId) {
      return text("clientId", clientId);
    }

    public Builder agency(String agency) {
      return text("agency", agency);
    }

    public Builder requestedBy(String requestedBy) {
      return text("requestedBy", requestedBy);
    }

    public Builder purpose(String purpose) {
      return text("purpose", purpose);
    }

    public Builder caseRef(String caseRef) {
      return text("caseRef", caseRef);
    }

    /** The action's wire name, e.g. {@code lookup}, {@code audit-search}. */
    public Builder action(String action) {
      return text("action", action);
    }

    /** {@code ok}, {@code refused}, {@code invalid} or {@code failed}. */
    public Builder outcome(String outcome) {
      return text("outcome", outcome);
    }

    /** The {@code next} of the previous page: entries after this sequence number. */
    public Builder after(long sequence) {
      if (sequence < 0) {
        throw new IllegalArgumentException("after must not be negative");
      }
      return set("after", Long.toString(sequence));
    }

    /** Entries per page, 1 to 1 000 (the service's default is 100). */
    public Builder limit(int limit) {
      if (limit < 1 || limit > 1_000) {
        throw new IllegalArgumentException("limit must be 1 to 1000");
      }
      return set("limit", Integer.toString(limit));
    }

    /**
     * Adds the pseudonyms of one person (aliases under several kids); any of them matches.
     *
     * @throws IllegalArgumentException if one is not shaped like a pseudonym (the message never
     *     repeats it), or more than {@value #MAX_SUBJECTS} are given in all
     */
    public Builder subject(List<String> pseudonyms) {
      for (String p : pseudonyms) {
        if (p == null || !Pseudonymiser.isPseudonym(p)) {
          throw new IllegalArgumentException(
              "subject must be a pseudonym (kid, '.', 43 base64url characters), not a raw identifier");
        }
      }
      if (subjects.size() + pseudonyms.size() > MAX_SUBJECTS) {
        throw new IllegalArgumentException("at most " + MAX_SUBJECTS + " subject pseudonyms per search");
      }
      subjects.addAll(pseudonyms);
      return this;
    }

    public AuditQuery build() {
      return new AuditQuery(this);
    }

    private Builder text(String name, String value) {
      if (value != null && (value.isBlank() || value.length() > 256 || value.chars().anyMatch(Character::isISOControl))) {
        throw new IllegalArgumentException(name + " must be 1 to 256 characters without control characters");
      }
      return set(name, value);
    }

    private Builder set(String name, String value) {
      Objects.requireNonNull(name);
      if (value == null) {
        single.remove(name);
      } else {
        single.put(name, value);
      }
      return this;
    }
  }
}
