package nl.hitmachine.connector;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import nl.hitmachine.connector.internal.Backoff;
import nl.hitmachine.connector.internal.Json;
import nl.hitmachine.connector.internal.NdjsonBodyPublisher;
import nl.hitmachine.connector.internal.Responses;
import nl.hitmachine.connector.internal.TlsContexts;
import nl.hitmachine.connector.internal.Version;

/**
 * A client of the hit-service v1 HTTP API for one set of credentials (one connector or querier).
 * Thread-safe; create one per credential and {@link #close()} it when done.
 *
 * <pre>{@code
 * try (HitmachineClient client = HitmachineClient.builder(URI.create("https://hit.example.nl"), token).build()) {
 *   ReplaceResult r = client.replaceCaseload(caseload); // Iterable<Registration>, streamed
 * }
 * }</pre>
 *
 * <p><b>Mutual TLS.</b> Where hit-service requires client certificates, build without a token and
 * give the client's PKCS#12 file (and the CA bundle that signed the server's certificate):
 *
 * <pre>{@code
 * HitmachineClient.builder(URI.create("https://hit.example.nl"))
 *     .clientCertificate(Path.of("leerplicht-connector.p12"), password)
 *     .trustStore(Path.of("hitmachine-ca.pem"))
 *     .build();
 * }</pre>
 *
 * <p><b>Errors.</b> A refusal by the service throws {@link HitmachineProblemException}; a transport
 * failure throws {@link IOException}. <b>Retries.</b> The registration calls are idempotent (upserts,
 * removals and full replaces can safely be repeated), so they are retried with exponential backoff
 * when the connection cannot be made or the service answers 503. Lookups are never retried: each
 * one is audited, and a repeat would be a second lookup.
 *
 * <p>Only pseudonyms leave this client: {@link Registration} and {@link LookupRequest} refuse
 * anything that does not have the form of a pseudonym.
 */
public final class HitmachineClient implements AutoCloseable {
  /** The service's maximum number of items in one registration or removal request. */
  public static final int MAX_BATCH_SIZE = 10_000;

  private static final String JSON = "application/json";
  private static final String NDJSON = "application/x-ndjson";
  private static final String RATE_LIMITED = "https://hitmachine.nl/problems/rate-limited";

  private final URI base;
  /** The Authorization header value, or null when the client authenticates by certificate only. */
  private final String authorization;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final Duration caseloadTimeout;
  private final int maxAttempts;
  private final Backoff backoff;
  private final int batchSize;
  private final String userAgent;

  private HitmachineClient(Builder b, SSLContext sslContext) {
    String uri = b.baseUri.toString();
    this.base = URI.create(uri.endsWith("/") ? uri : uri + "/");
    this.authorization = b.token == null ? null : "Bearer " + b.token;
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (sslContext != null) {
      http.sslContext(sslContext);
    }
    this.http = http.build();
    this.requestTimeout = b.requestTimeout;
    this.caseloadTimeout = b.caseloadTimeout;
    this.maxAttempts = b.maxAttempts;
    this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
    this.batchSize = b.batchSize;
    this.userAgent = "hitmachine-connector-sdk/" + Version.VERSION;
  }

  /**
   * Starts a client configuration.
   *
   * @param baseUri the service root, e.g. {@code https://hit.example.nl/} (an optional path prefix
   *     is kept)
   * @param bearerToken the credential's token; never logged
   */
  public static Builder builder(URI baseUri, String bearerToken) {
    return new Builder(baseUri, Objects.requireNonNull(bearerToken, "bearerToken"));
  }

  /**
   * Starts a client configuration without a bearer token: the client authenticates with its TLS
   * client certificate ({@link Builder#clientCertificate} or {@link Builder#sslContext}), which
   * {@link Builder#build()} then requires.
   *
   * @param baseUri the service root, an {@code https} URI
   */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri, null);
  }

  /**
   * Registers (upserts) subjects for the caller's agency, in requests of at most {@value
   * #MAX_BATCH_SIZE}. Each request is atomic; when one fails, the earlier ones stay applied, and
   * calling again with the same list is safe.
   *
   * @return the number of registrations upserted
   * @throws HitmachineProblemException if the service refuses a request; item indexes refer to
   *     positions in {@code registrations}
   */
  public long register(List<Registration> registrations) throws IOException {
    long total = 0;
    for (int from = 0; from < registrations.size(); from += batchSize) {
      List<Registration> batch = registrations.subList(from, Math.min(registrations.size(), from + batchSize));
      byte[] body = Json.registrationsBody(batch);
      byte[] answer =
          exchange("POST", "v1/registrations", JSON, new Body.Bytes(body), requestTimeout, true, from);
      total += Responses.count(answer, "upserted");
    }
    return total;
  }

  /**
   * Removes the caller's agency's registrations of these subjects, in requests of at most {@value
   * #MAX_BATCH_SIZE}.
   *
   * @return the number of registrations removed (subjects that were not registered do not count)
   */
  public long remove(List<String> pseudonyms) throws IOException {
    for (String p : pseudonyms) {
      if (!Pseudonymiser.isPseudonym(p)) {
        throw new IllegalArgumentException(
            "subject must be a pseudonym (kid, '.', 43 base64url characters), not a raw identifier");
      }
    }
    long total = 0;
    for (int from = 0; from < pseudonyms.size(); from += batchSize) {
      List<String> batch = pseudonyms.subList(from, Math.min(pseudonyms.size(), from + batchSize));
      byte[] answer =
          exchange(
              "POST",
              "v1/registrations/remove",
              JSON,
              new Body.Bytes(Json.removeBody(batch)),
              requestTimeout,
              true,
              from);
      total += Responses.count(answer, "removed");
    }
    return total;
  }

  /**
   * Replaces the caller's agency's complete caseload, atomically: afterwards exactly these
   * subjects are registered. Streams NDJSON with bounded memory, so the caseload may have millions
   * of entries; it is iterated once per attempt, so it is retried like the other registration
   * calls.
   */
  public ReplaceResult replaceCaseload(Iterable<Registration> caseload) throws IOException {
    Objects.requireNonNull(caseload, "caseload");
    return replace(NdjsonBodyPublisher.restartable(caseload, Json::writeRegistration));
  }

  /**
   * Like {@link #replaceCaseload(Iterable)} for a caseload that can be read once. It is retried only
   * when the connection failed before any entry was read. The stream is not closed.
   */
  public ReplaceResult replaceCaseload(Stream<Registration> caseload) throws IOException {
    return replaceCaseload(caseload.iterator());
  }

  /** Like {@link #replaceCaseload(Stream)}. */
  public ReplaceResult replaceCaseload(Iterator<Registration> caseload) throws IOException {
    Objects.requireNonNull(caseload, "caseload");
    return replace(NdjsonBodyPublisher.oneShot(caseload, Json::writeRegistration));
  }

  private ReplaceResult replace(NdjsonBodyPublisher<Registration> publisher) throws IOException {
    byte[] answer =
        exchange("PUT", "v1/registrations", NDJSON, new Body.Stream(publisher), caseloadTimeout, true, 0);
    return Responses.replaceResult(answer);
  }

  /**
   * Asks which agencies know the subjects. Not retried: every lookup is audited.
   *
   * @throws HitmachineProblemException if the service refuses the lookup (also for 503)
   */
  public LookupResult lookup(LookupRequest request) throws IOException {
    byte[] answer =
        exchange("POST", "v1/lookups", JSON, new Body.Bytes(Json.lookupBody(request)), requestTimeout, false, 0);
    return Responses.lookupResult(answer);
  }

  /**
   * Searches the audit log ({@code GET /v1/audit/entries}, role {@code privacy-officer}). The
   * search is itself audited by the service, so it is not retried.
   *
   * @return the service's JSON page as given: {@code {"entries":[…],"next":"<seq>"}} (see {@code
   *     docs/api/openapi.yaml}); pass {@code next} to {@link AuditQuery.Builder#after} for the next page
   */
  public String auditEntries(AuditQuery query) throws IOException {
    Objects.requireNonNull(query, "query");
    String q = query.toQueryString();
    return utf8(exchange("GET", "v1/audit/entries" + (q.isEmpty() ? "" : "?" + q), null, new Body.Empty(), requestTimeout, false, 0));
  }

  /**
   * The anomaly report for the period [{@code from}, {@code to}) ({@code GET /v1/audit/anomalies},
   * role {@code privacy-officer}; audited, not retried).
   *
   * @return the report as the service's JSON document (findings {@code volume}, {@code
   *     outsideOfficeHours}, {@code repeatedWithoutCaseRef}, {@code refusals})
   */
  public String auditAnomalies(Instant from, Instant to) throws IOException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return utf8(exchange("GET", "v1/audit/anomalies?from=" + encode(from.toString()) + "&to=" + encode(to.toString()),
        null, new Body.Empty(), requestTimeout, false, 0));
  }

  /**
   * The subject access report about one person ({@code GET /v1/audit/subject-report}, role {@code
   * privacy-officer}; audited, not retried): every lookup that named the person, and earlier audit
   * reads about them. Give the person's pseudonyms under every active kid ({@link
   * Pseudonymiser#aliases}); the BSN itself never leaves the caller.
   *
   * @param pseudonyms 1 to {@value AuditQuery#MAX_SUBJECTS} pseudonyms of the same person
   * @param from the start of the period, or {@code null}
   * @param to the end of the period (exclusive), or {@code null}
   * @return the report as the service's JSON document
   */
  public String subjectReport(List<String> pseudonyms, Instant from, Instant to) throws IOException {
    if (pseudonyms.isEmpty()) {
      throw new IllegalArgumentException("a subject report needs at least one pseudonym");
    }
    String q = AuditQuery.builder().subject(pseudonyms).from(from).to(to).build().toQueryString();
    return utf8(exchange("GET", "v1/audit/subject-report?" + q, null, new Body.Empty(), requestTimeout, false, 0));
  }

  /**
   * The latest signed checkpoint of the audit log ({@code GET /v1/audit/checkpoint}, role {@code
   * privacy-officer}): a C2SP signed note (origin, tree size, base64 root hash, blank line, signature
   * line). Check its signature with the service's verifier key before trusting it.
   */
  public String auditCheckpoint() throws IOException {
    return utf8(exchange("GET", "v1/audit/checkpoint", null, new Body.Empty(), requestTimeout, false, 0));
  }

  private static String utf8(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Releases the connections. */
  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "HitmachineClient[" + base + "]";
  }

  private sealed interface Body {
    HttpRequest.BodyPublisher publisher();

    boolean canResend();

    RuntimeException sourceFailure();

    record Empty() implements Body {
      @Override
      public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.noBody();
      }

      @Override
      public boolean canResend() {
        return true;
      }

      @Override
      public RuntimeException sourceFailure() {
        return null;
      }
    }

    record Bytes(byte[] bytes) implements Body {
      @Override
      public HttpRequest.BodyPublisher publisher() {
        return HttpRequest.BodyPublishers.ofByteArray(bytes);
      }

      @Override
      public boolean canResend() {
        return true;
      }

      @Override
      public RuntimeException sourceFailure() {
        return null;
      }
    }

    record Stream(NdjsonBodyPublisher<?> ndjson) implements Body {
      @Override
      public HttpRequest.BodyPublisher publisher() {
        return ndjson;
      }

      @Override
      public boolean canResend() {
        return ndjson.canResend();
      }

      @Override
      public RuntimeException sourceFailure() {
        return ndjson.sourceFailure();
      }
    }
  }

  /** One call, with retries if {@code idempotent}; returns the body of a 2xx answer. */
  private byte[] exchange(
      String method, String path, String contentType, Body body, Duration timeout, boolean idempotent, long indexOffset)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    URI uri = base.resolve(path);
    for (int attempt = 1; ; attempt++) {
      HttpRequest.Builder requestBuilder =
          HttpRequest.newBuilder(uri)
              .timeout(timeout);
      if (authorization != null) {
        requestBuilder.header("Authorization", authorization);
      }
      if (contentType != null) {
        requestBuilder.header("Content-Type", contentType);
      }
      HttpRequest request =
          requestBuilder
              .header("Accept", "application/json, application/problem+json")
              .header("User-Agent", userAgent)
              .header("X-Request-Id", requestId)
              .method(method, body.publisher())
              .build();
      boolean mayRetry = idempotent && attempt < maxAttempts;
      HttpResponse<byte[]> response;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException | RuntimeException e) {
        // The JDK reports a failure of the body source as a copy of it; rethrow the original.
        if (body.sourceFailure() != null) {
          throw body.sourceFailure();
        }
        if (e instanceof RuntimeException unchecked) {
          throw unchecked;
        }
        IOException ioe = (IOException) e;
        if (mayRetry && isConnectFailure(ioe) && body.canResend()) {
          pause(backoff.delay(attempt, null));
          continue;
        }
        throw ioe;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException interrupted = new InterruptedIOException("interrupted while calling hit-service");
        interrupted.initCause(e);
        throw interrupted;
      }
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return response.body();
      }
      Duration retryAfter = retryAfter(response);
      if (status == 503 && mayRetry && body.canResend()) {
        pause(backoff.delay(attempt, retryAfter));
        continue;
      }
      HitmachineProblemException problem = Responses.problem(
          status,
          response.headers().firstValue("Content-Type").orElse(null),
          response.body(),
          response.headers().firstValue("X-Request-Id").orElse(requestId),
          indexOffset,
          retryAfter);
      // A rate-limited call was refused before anything was done, so even a lookup may be sent
      // again — if the wait the service asks for is short. A used-up daily quota is not retried.
      if (status == 429 && problem.type().equals(RATE_LIMITED) && attempt < maxAttempts && body.canResend()
          && retryAfter != null && retryAfter.compareTo(backoff.max()) <= 0) {
        pause(retryAfter);
        continue;
      }
      throw problem;
    }
  }

  private static boolean isConnectFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  private static void pause(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** Configures a {@link HitmachineClient}. */
  public static final class Builder {
    private final URI baseUri;
    private final String token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(60);
    private Duration caseloadTimeout = Duration.ofMinutes(30);
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(250);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private int batchSize = MAX_BATCH_SIZE;

    private SSLContext sslContext;
    private Path clientCertificate;
    private char[] clientCertificatePassword;
    private Path trustStore;

    private Builder(URI baseUri, String token) {
      Objects.requireNonNull(baseUri, "baseUri");
      if (!baseUri.isAbsolute()
          || !("http".equalsIgnoreCase(baseUri.getScheme()) || "https".equalsIgnoreCase(baseUri.getScheme()))
          || baseUri.getHost() == null) {
        throw new IllegalArgumentException("baseUri must be an absolute http or https URI with a host");
      }
      if (baseUri.getQuery() != null || baseUri.getFragment() != null) {
        throw new IllegalArgumentException("baseUri must not have a query or fragment");
      }
      if (token != null && !token.matches("[A-Za-z0-9._~+/=-]+")) {
        throw new IllegalArgumentException("bearerToken must be a non-empty token68 (RFC 6750)");
      }
      this.baseUri = baseUri;
      this.token = token;
    }

    /** Time to establish a connection; default 10 s. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Time until the answer of a registration, removal or lookup request; default 60 s. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** Time until the answer of a full caseload replace (sending included); default 30 min. */
    public Builder caseloadTimeout(Duration d) {
      this.caseloadTimeout = positive(d, "caseloadTimeout");
      return this;
    }

    /** Attempts of an idempotent call, the first included; 1 disables retries; default 4. */
    public Builder maxAttempts(int attempts) {
      if (attempts < 1 || attempts > 20) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 20");
      }
      this.maxAttempts = attempts;
      return this;
    }

    /** Wait before the first retry (doubling for each next one, with jitter); default 250 ms. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = positive(d, "initialBackoff");
      return this;
    }

    /** Longest wait between attempts, also for a server's Retry-After; default 8 s. */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = positive(d, "maxBackoff");
      return this;
    }

    /** Items per registration or removal request, 1 to {@value HitmachineClient#MAX_BATCH_SIZE} (the default). */
    public Builder batchSize(int size) {
      if (size < 1 || size > MAX_BATCH_SIZE) {
        throw new IllegalArgumentException("batchSize must be 1 to " + MAX_BATCH_SIZE);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * The SSL context for the connection (client certificate and trusted CAs), for set-ups the
     * convenience methods do not cover (e.g. a hardware key). Not together with {@link
     * #clientCertificate} or {@link #trustStore}.
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = Objects.requireNonNull(context, "sslContext");
      return this;
    }

    /**
     * The client certificate for mutual TLS: a PKCS#12 file holding exactly one private key with
     * its certificate chain. The file is read by {@link #build()}, which then clears {@code
     * password}.
     */
    public Builder clientCertificate(Path pkcs12, char[] password) {
      this.clientCertificate = Objects.requireNonNull(pkcs12, "pkcs12");
      this.clientCertificatePassword = Objects.requireNonNull(password, "password").clone();
      Arrays.fill(password, '\0');
      return this;
    }

    /**
     * The CAs trusted for the server's certificate instead of the JDK's default ones: a PEM bundle,
     * or a PKCS#12 trust store without password ({@code .p12}/{@code .pfx}).
     */
    public Builder trustStore(Path pemOrPkcs12) {
      this.trustStore = Objects.requireNonNull(pemOrPkcs12, "trustStore");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalArgumentException when there is no credential (neither a bearer token nor a
     *     client certificate), when TLS options are given for an {@code http} URI, or when {@link
     *     #sslContext} is combined with the file options
     * @throws UncheckedIOException when the certificate or trust store file cannot be read
     * @throws IllegalStateException when a client certificate's password was already used (and
     *     cleared) by an earlier {@code build()}
     */
    public HitmachineClient build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
      }
      boolean files = clientCertificate != null || trustStore != null;
      if (sslContext != null && files) {
        throw new IllegalArgumentException("give sslContext or clientCertificate/trustStore, not both");
      }
      if ((sslContext != null || files) && !"https".equalsIgnoreCase(baseUri.getScheme())) {
        throw new IllegalArgumentException("TLS options need an https baseUri");
      }
      if (token == null && sslContext == null && clientCertificate == null) {
        throw new IllegalArgumentException("give a bearer token or a client certificate");
      }
      if (!files) {
        return new HitmachineClient(this, sslContext);
      }
      if (clientCertificate != null && clientCertificatePassword == null) {
        throw new IllegalStateException("the client certificate password was cleared by an earlier build(); "
            + "call clientCertificate again");
      }
      try {
        return new HitmachineClient(this, TlsContexts.create(clientCertificate, clientCertificatePassword, trustStore));
      } catch (IOException e) {
        throw new UncheckedIOException(e.getMessage(), e);
      } finally {
        clientCertificatePassword = null;
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
