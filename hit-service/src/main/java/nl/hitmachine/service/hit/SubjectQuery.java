package nl.hitmachine.service.hit;

import java.util.List;

/**
 * One subject of a lookup: one pseudonym, or several of the same person under different kids
 * (key rotation). {@code givenAsList} remembers the request's form, so the answer echoes it.
 * Values are unchecked until the lookup validates them.
 */
public record SubjectQuery(List<Object> aliases, boolean givenAsList) {
  public SubjectQuery {
    aliases = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(aliases));
  }

  public static SubjectQuery single(Object pseudonym) {
    return new SubjectQuery(java.util.Collections.singletonList(pseudonym), false);
  }
}
