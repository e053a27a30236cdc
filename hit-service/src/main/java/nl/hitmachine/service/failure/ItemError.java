package nl.hitmachine.service.failure;

import java.util.Objects;

/**
 * What is wrong with one item of a request. Locates the item by its 0-based {@code index} in the
 * request's main array (registrations, subjects), by its 1-based {@code line} in an NDJSON body,
 * and/or by a JSON {@code pointer}. The detail names the rule that failed and never contains the
 * item's value.
 */
public record ItemError(Long index, Long line, String pointer, String detail) {
  public ItemError {
    Objects.requireNonNull(detail, "detail");
    if (index == null && line == null && pointer == null) {
      throw new IllegalArgumentException("an item error needs an index, a line or a pointer");
    }
  }

  public static ItemError atIndex(long index, String pointer, String detail) {
    return new ItemError(index, null, pointer, detail);
  }

  public static ItemError atLine(long line, String detail) {
    return new ItemError(null, line, null, detail);
  }

  public static ItemError atPointer(String pointer, String detail) {
    return new ItemError(null, null, pointer, detail);
  }
}
