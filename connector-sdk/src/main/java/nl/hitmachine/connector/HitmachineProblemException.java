package nl.hitmachine.connector;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * hit-service refused a request: an RFC 9457 problem ({@code application/problem+json}). {@link
 * #type()} is stable per kind of error. The service never puts identifiers in {@code detail}.
 *
 * <p>For a batch registration the item indexes in {@link #errors()} refer to positions in the
 * caller's whole list, not in the batch.
 */
public final class HitmachineProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The generic type of a problem without a JSON body. */
  public static final String ABOUT_BLANK = "about:blank";

  /**
   * A problem with one item of a request.
   *
   * @param index position of the item in the list given to the client, or {@code null}
   * @param line 1-based NDJSON line of a caseload replace, or {@code null}
   * @param detail what is wrong
   */
  public record ItemError(Long index, Long line, String detail) {}

  private final String type;
  private final int status;
  private final String title;
  private final String detail;
  private final transient List<ItemError> errors;
  private final String requestId;
  private final Duration retryAfter;

  public HitmachineProblemException(
      String type, int status, String title, String detail, List<ItemError> errors, String requestId) {
    this(type, status, title, detail, errors, requestId, null);
  }

  /** A problem whose response said when to try again ({@code Retry-After}, e.g. with 429 or 503). */
  public HitmachineProblemException(
      String type, int status, String title, String detail, List<ItemError> errors, String requestId,
      Duration retryAfter) {
    super(message(type, status, title, detail, errors));
    this.type = type == null ? ABOUT_BLANK : type;
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  private static String message(
      String type, int status, String title, String detail, List<ItemError> errors) {
    StringBuilder b = new StringBuilder().append(status);
    if (title != null) {
      b.append(' ').append(title);
    }
    if (detail != null) {
      b.append(": ").append(detail);
    }
    if (!errors.isEmpty()) {
      b.append(" (").append(errors.size()).append(errors.size() == 1 ? " item error)" : " item errors)");
    }
    return b.append(" [").append(type == null ? ABOUT_BLANK : type).append(']').toString();
  }

  /** The problem type URI. */
  public String type() {
    return type;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The short, type-specific summary, or {@code null}. */
  public String title() {
    return title;
  }

  /** The explanation of this occurrence, or {@code null}. */
  public String detail() {
    return detail;
  }

  /** Problems with individual items, in the order the service gave them. */
  public List<ItemError> errors() {
    return errors;
  }

  /**
   * How long the service asked the caller to wait ({@code Retry-After}): with {@code 429
   * rate-limited} the seconds until the client's bucket refilled, with {@code 429 quota-exceeded}
   * the time until the daily quota resets.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The {@code X-Request-Id} of the exchange, for the service's operators; or {@code null}. */
  public String requestId() {
    return requestId;
  }
}
