package nl.hitmachine.connector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A household to look up by its members' BSNs: the caller's own data, which never leaves the
 * caller ({@link BsnLookup} sends only pseudonyms).
 *
 * <p>A member listed twice counts once: {@link #members()} keeps the first occurrence of each BSN,
 * in the given order. {@link #toString()} shows neither the ref nor a BSN.
 *
 * @param ref the caller's reference for the household, 1 to 64 characters, never a BSN
 * @param members the members' BSNs; at least one
 */
public record Household(String ref, List<Bsn> members) {
  public Household {
    Objects.requireNonNull(ref, "ref");
    Registration.checkRef(ref, "household ref");
    Objects.requireNonNull(members, "members");
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a household needs at least one member");
    }
    for (Bsn m : members) {
      Objects.requireNonNull(m, "members must not contain null");
    }
    members = List.copyOf(new LinkedHashSet<>(members));
  }

  @Override
  public String toString() {
    return "Household[ref=***, members=" + members.size() + "]";
  }
}
