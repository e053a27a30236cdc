package nl.hitmachine.connector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A lookup: which agencies know these subjects? Every lookup is audited with its purpose, case
 * reference and the person on whose behalf it is made.
 *
 * <p>A subject is given as one pseudonym, or as several pseudonyms of the same person under
 * different kids during a key rotation ({@link Pseudonymiser#aliases}); the service merges them.
 *
 * <pre>{@code
 * LookupRequest request = LookupRequest.builder("screening", "VH-2026-0001", "j.jansen")
 *     .subject(pseudonymiser.pseudonymise(bsn))
 *     .household("H-17", members.stream().map(pseudonymiser::aliases).toList())
 *     .build();
 * }</pre>
 */
public final class LookupRequest {
  private final String purpose;
  private final String caseRef;
  private final String requestedBy;
  private final List<List<String>> subjects;
  private final List<Household> households;

  /**
   * A household to look up as a whole.
   *
   * @param ref the querier's reference for the household (never a BSN)
   * @param members one entry per member: its pseudonym, or its pseudonyms under several kids
   */
  public record Household(String ref, List<List<String>> members) {
    public Household {
      Objects.requireNonNull(ref, "ref");
      Registration.checkRef(ref, "household ref");
      Objects.requireNonNull(members, "members");
      if (members.isEmpty()) {
        throw new IllegalArgumentException("a household needs at least one member");
      }
      members = members.stream().map(LookupRequest::checkAliases).toList();
    }

    @Override
    public String toString() {
      return "Household[ref=***, members=" + members.size() + "]";
    }
  }

  private LookupRequest(Builder b) {
    this.purpose = b.purpose;
    this.caseRef = b.caseRef;
    this.requestedBy = b.requestedBy;
    this.subjects = List.copyOf(b.subjects);
    this.households = List.copyOf(b.households);
  }

  /**
   * Starts a lookup.
   *
   * @param purpose one of the purpose codes configured for the querier, e.g. {@code screening}
   * @param caseRef the querier's case reference (never a BSN)
   * @param requestedBy the person on whose behalf the lookup is made
   */
  public static Builder builder(String purpose, String caseRef, String requestedBy) {
    return new Builder(purpose, caseRef, requestedBy);
  }

  public String purpose() {
    return purpose;
  }

  public String caseRef() {
    return caseRef;
  }

  public String requestedBy() {
    return requestedBy;
  }

  /** The single subjects, each as its list of pseudonyms (one, or aliases under several kids). */
  public List<List<String>> subjects() {
    return subjects;
  }

  public List<Household> households() {
    return households;
  }

  /** Number of subjects in all: single subjects plus household members. */
  public int subjectCount() {
    return subjects.size() + households.stream().mapToInt(h -> h.members().size()).sum();
  }

  @Override
  public String toString() {
    return "LookupRequest[purpose=" + purpose + ", subjects=" + subjects.size() + ", households="
        + households.size() + "]";
  }

  private static List<String> checkAliases(List<String> aliases) {
    Objects.requireNonNull(aliases, "aliases");
    if (aliases.isEmpty()) {
      throw new IllegalArgumentException("a subject needs at least one pseudonym");
    }
    Set<String> kids = new HashSet<>();
    for (String p : aliases) {
      if (!Pseudonymiser.isPseudonym(p)) {
        throw new IllegalArgumentException(
            "subject must be a pseudonym (kid, '.', 43 base64url characters), not a raw identifier");
      }
      if (!kids.add(p.substring(0, p.indexOf('.')))) {
        throw new IllegalArgumentException("aliases of one subject must each have a different kid");
      }
    }
    return List.copyOf(aliases);
  }

  private static String requireText(String value, String field, int max) {
    Objects.requireNonNull(value, field);
    if (value.isBlank() || value.length() > max) {
      throw new IllegalArgumentException(field + " must be 1 to " + max + " characters, not blank");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters");
      }
    }
    return value;
  }

  /** Collects the subjects and households of a lookup. Not thread-safe. */
  public static final class Builder {
    private final String purpose;
    private final String caseRef;
    private final String requestedBy;
    private final List<List<String>> subjects = new ArrayList<>();
    private final List<Household> households = new ArrayList<>();

    private Builder(String purpose, String caseRef, String requestedBy) {
      this.purpose = requireText(purpose, "purpose", 64);
      this.caseRef = requireText(caseRef, "caseRef", Registration.MAX_REF_LENGTH);
      Registration.checkRef(caseRef, "caseRef");
      this.requestedBy = requireText(requestedBy, "requestedBy", 128);
    }

    /** Adds a subject given by one pseudonym, or by its pseudonyms under several kids. */
    public Builder subject(String pseudonym, String... aliases) {
      List<String> all = new ArrayList<>(1 + aliases.length);
      all.add(pseudonym);
      all.addAll(List.of(aliases));
      return subject(all);
    }

    /** Adds a subject given by its pseudonyms (one, or one per kid). */
    public Builder subject(List<String> aliases) {
      subjects.add(checkAliases(aliases));
      return this;
    }

    /** Adds a household; each member given by its pseudonyms (one, or one per kid). */
    public Builder household(String ref, List<List<String>> members) {
      households.add(new Household(ref, members));
      return this;
    }

    /**
     * @throws IllegalStateException if no subject or household was added
     */
    public LookupRequest build() {
      if (subjects.isEmpty() && households.isEmpty()) {
        throw new IllegalStateException("a lookup needs at least one subject or household");
      }
      return new LookupRequest(this);
    }
  }
}
