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

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, List.of(), null);
  }

  public ProblemException(ProblemType type, String detail, List<ItemError> itemErrors) {
    this(type, detail, itemErrors, null);
  }

  public ProblemException(ProblemType type, String detail, List<ItemError> itemErrors, Throwable cause) {
    super(detail, cause);
    this.type = Objects.requireNonNull(type, "type");
    this.itemErrors = List.copyOf(itemErrors);
  }

  public static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }

  public static ProblemException invalid(String detail, List<ItemError> errors) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail, errors);
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
}
