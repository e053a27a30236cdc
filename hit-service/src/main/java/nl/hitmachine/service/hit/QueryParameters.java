package nl.hitmachine.service.hit;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import nl.hitmachine.service.failure.ProblemException;

/**
 * Reads the query parameters of the privacy officer's audit reads. Problems name the parameter and
 * the rule, never the value given (a value may be a pseudonym).
 */
final class QueryParameters {
  private static final int MAX_INSTANT_LENGTH = 64;

  private QueryParameters() {}

  /** The single value of {@code name}, or {@code null} when absent and not required. */
  static String once(String name, List<String> values, boolean required) {
    if (values == null || values.isEmpty()) {
      if (required) {
        throw ProblemException.invalid("query parameter " + name + " is required");
      }
      return null;
    }
    if (values.size() > 1) {
      throw ProblemException.invalid("query parameter " + name + " must be given at most once");
    }
    String value = values.get(0);
    if (value.isEmpty()) {
      throw ProblemException.invalid("query parameter " + name + " must not be empty");
    }
    return value;
  }

  /** {@code value} as an integer in {@code 0..max}. */
  static long nonNegative(String name, String value, long max) {
    if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw ProblemException.invalid("query parameter " + name + " must be a non-negative integer");
    }
    long n;
    try {
      n = Long.parseLong(value);
    } catch (NumberFormatException e) {
      n = Long.MAX_VALUE; // 19 digits beyond Long.MAX_VALUE
    }
    if (n > max) {
      throw ProblemException.invalid("query parameter " + name + " must be at most " + max);
    }
    return n;
  }

  /** {@code value} as an ISO-8601 instant. */
  static Instant instant(String name, String value) {
    try {
      if (value.length() <= MAX_INSTANT_LENGTH) {
        return Instant.parse(value);
      }
    } catch (DateTimeException e) {
      // the problem below
    }
    throw ProblemException.invalid("query parameter " + name
        + " must be an ISO-8601 instant such as 2026-11-02T00:00:00Z (an offset's '+' encoded as %2B)");
  }
}
