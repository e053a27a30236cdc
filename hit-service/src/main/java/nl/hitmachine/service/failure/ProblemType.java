package nl.hitmachine.service.failure;

/**
 * The stable RFC 9457 problem types of API v1. The {@link #uri()} is part of the API contract:
 * clients switch on it, so a type is never renamed, only added.
 */
public enum ProblemType {
  INVALID_REQUEST("invalid-request", 400, "The request is not valid"),
  UNAUTHENTICATED("unauthenticated", 401, "No valid credentials"),
  FORBIDDEN("forbidden", 403, "The caller's role does not allow this"),
  PURPOSE_NOT_ALLOWED("purpose-not-allowed", 403, "The stated purpose is not allowed for this caller"),
  NOT_FOUND("not-found", 404, "No such resource"),
  METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
  NOT_ACCEPTABLE("not-acceptable", 406, "Cannot produce the requested media type"),
  REQUEST_TIMEOUT("request-timeout", 408, "The request did not arrive in time"),
  PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request is over a limit"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type"),
  RATE_LIMITED("rate-limited", 429, "Too many lookups in a short time"),
  QUOTA_EXCEEDED("quota-exceeded", 429, "The daily lookup quota is used up"),
  UNAVAILABLE("unavailable", 503, "The service cannot make the result durable right now"),
  INTERNAL("internal", 500, "Internal error");

  /** Prefix of every problem type URI. */
  public static final String BASE_URI = "https://hitmachine.nl/problems/";

  private final String slug;
  private final int status;
  private final String title;

  ProblemType(String slug, int status, String title) {
    this.slug = slug;
    this.status = status;
    this.title = title;
  }

  public String slug() {
    return slug;
  }

  public String uri() {
    return BASE_URI + slug;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }
}
