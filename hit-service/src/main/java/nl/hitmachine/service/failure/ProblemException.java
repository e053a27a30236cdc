package nl.hitmachine.service.failure;

import java.util.List;
import java.util.Objects;

/**
 * An unchecked domain failure tied to one RFC 9457 problem type. The detail is safe to send to
 * the caller and to log: it never contains a BSN, pseudonym, key or other identifier of a person.
 */
public class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ProblemType type;
  private final transient List<ItemError> itemErrors;
  private final long retryAfterSeconds;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public ProblemException(ProblemType type, String detail, List<ItemError> itemErrors) {
    this(type, detail, itemErrors, null);
  }

  public ProblemException(ProblemType type, String detail, List<ItemError> itemErrors, Throwable cause) {
    this(type, detail, itemErrors, cause, -1);
  }

  private ProblemException(
      ProblemType type, String detail, List<ItemError> itemErrors, Throwable cause, long retryAfterSeconds) {
    super(detail, cause);
    this.type = Objects.requireNonNull(type, "type");
    this.itemErrors = List.copyOf(itemErrors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 429 problem telling the caller to come back after {@code retryAfterSeconds} (at least 1). */
  public static ProblemException tooManyRequests(ProblemType type, String detail, long retryAfterSeconds) {
    if (type.status() != 429) {
      throw new IllegalArgumentException(type + " is not a 429 problem type");
    }
    return new ProblemException(type, detail, List.of(), null, Math.max(1, retryAfterSeconds));
  }

  public static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }

  public static ProblemException invalid(String detail, List<ItemError> errors) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
  }

  /** 401: no credentials, or none that prove a configured client. */
  public static ProblemException unauthenticated() {
    return new ProblemException(ProblemType.UNAUTHENTICATED,
        "valid credentials are required (a mapped client certificate or, where enabled, a bearer token)");
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(ProblemType.FORBIDDEN, detail);
  }

  public static ProblemException tooLarge(String detail) {
    return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, detail);
  }

  public static ProblemException unavailable(String detail, Throwable cause) {
    return new ProblemException(ProblemType.UNAVAILABLE, detail, List.of(), cause);
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  public List<ItemError> itemErrors() {
    return itemErrors;
  }

  /** Seconds for the {@code Retry-After} header, or -1 when the problem has none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
