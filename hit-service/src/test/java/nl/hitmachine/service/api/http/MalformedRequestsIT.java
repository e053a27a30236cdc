package nl.hitmachine.service.api.http;

import static nl.hitmachine.service.TestService.LEERPLICHT;
import static nl.hitmachine.service.TestService.POLITIE_QUERIER;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.hitmachine.service.HitService;
import nl.hitmachine.service.MutableClock;
import nl.hitmachine.service.TestService;
import nl.hitmachine.service.audit.AuditAction;
import nl.hitmachine.service.audit.AuditEntry;
import nl.hitmachine.service.audit.AuditOutcome;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.audit.StoredAuditEntry;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.PseudonymConfig;
import nl.hitmachine.service.failure.ProblemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write and lookup endpoint × every kind of bad request (malformed JSON, wrong content type,
 * an invalid pseudonym, a pseudonym under a kid the service does not accept, a BSN where a
 * pseudonym belongs): a problem+json 4xx, audited with the same problem type, no pseudonym or BSN
 * of the request in the response, and the index exactly as before (counts, and the registered
 * subjects still found). Each bad request also carries a valid subject, so a partial apply would
 * show. The service accepts only kid "t1" here (the shared test configuration accepts any kid).
 *
 * <p>Complements LookupApiIT and RegistrationApiIT, which check single cases of these in more
 * detail (item indexes, line numbers); this matrix checks that nothing changes, everywhere.
 */
class MalformedRequestsIT {
  private static final String BSN = "123456782";

  @TempDir static Path dir;
  private static HitService service;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** Registered by leerplicht before the matrix runs. */
  private static String kept1;
  private static String kept2;
  private static Map<String, Long> countsBefore;

  enum Endpoint {
    LOOKUP("POST", "/v1/lookups", POLITIE_QUERIER, "application/json", AuditAction.LOOKUP),
    REGISTER("POST", "/v1/registrations", LEERPLICHT, "application/json", AuditAction.REGISTER),
    REMOVE("POST", "/v1/registrations/remove", LEERPLICHT, "application/json", AuditAction.REMOVE),
    REPLACE("PUT", "/v1/registrations", LEERPLICHT, "application/x-ndjson", AuditAction.REPLACE);

    final String method;
    final String path;
    final String token;
    final String contentType;
    final AuditAction action;

    Endpoint(String method, String path, String token, String contentType, AuditAction action) {
      this.method = method;
      this.path = path;
      this.token = token;
      this.contentType = contentType;
      this.action = action;
    }

    /** A body that would change the index (or look up) with {@code subject} next to a valid new one. */
    String body(String subject, String fresh) {
      return switch (this) {
        case LOOKUP -> new JsonObject().put("purpose", "screening").put("requestedBy", "a.b")
            .put("subjects", new JsonArray().add(kept1).add(subject)).encode();
        case REGISTER -> new JsonObject().put("registrations", new JsonArray()
            .add(new JsonObject().put("subject", fresh)).add(new JsonObject().put("subject", subject))).encode();
        case REMOVE -> new JsonObject().put("subjects", new JsonArray().add(kept1).add(subject)).encode();
        // Would remove kept1 and kept2 and add fresh.
        case REPLACE -> "{\"subject\":\"" + fresh + "\"}\n{\"subject\":\"" + subject + "\"}\n";
      };
    }
  }

  enum Bad {
    MALFORMED_JSON, WRONG_CONTENT_TYPE, INVALID_PSEUDONYM, UNKNOWN_KID, BSN_AS_SUBJECT
  }

  static Stream<Arguments> matrix() {
    List<Arguments> all = new ArrayList<>();
    for (Endpoint e : Endpoint.values()) {
      for (Bad b : Bad.values()) {
        all.add(Arguments.of(e, b));
      }
    }
    return all.stream();
  }

  @BeforeAll
  static void start() {
    HitServiceConfig c = TestService.config(dir);
    HitServiceConfig onlyT1 = new HitServiceConfig(c.server(), c.storage(), c.keys(), c.audit(), c.limits(), c.retention(),
        c.lookup(), new PseudonymConfig(List.of("t1")), c.workers(), c.demo(), c.agencies(), c.purposes(), c.clients(),
        c.management());
    service = HitService.start(onlyT1,
        new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam")), FileAuditLog::open);
    kept1 = TestService.pseudonym();
    kept2 = TestService.pseudonym();
    String body = new JsonObject().put("registrations", new JsonArray()
        .add(new JsonObject().put("subject", kept1)).add(new JsonObject().put("subject", kept2))).encode();
    HttpResponse<String> r = send("POST", "/v1/registrations", LEERPLICHT, "application/json", body);
    assertThat(r.statusCode()).as("registering the subjects the matrix must leave alone").isEqualTo(200);
    countsBefore = service.index().registrationCounts();
    assertThat(countsBefore).containsEntry("leerplicht", 2L);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("matrix")
  void badRequest_isProblemJson4xx_auditedAndChangesNothing(Endpoint endpoint, Bad bad) {
    String fresh = TestService.pseudonym();
    String unknownKid = "zz" + fresh.substring(2);
    String contentType = bad == Bad.WRONG_CONTENT_TYPE ? "text/plain" : endpoint.contentType;
    String body = switch (bad) {
      case MALFORMED_JSON -> {
        String whole = endpoint.body(fresh, fresh);
        yield endpoint == Endpoint.REPLACE ? "{\"subject\":\"" + fresh + "\"}\n{\"subject\":\"" + kept1 + "\"\n"
            : whole.substring(0, whole.length() - 2); // cut off the closing brackets
      }
      case WRONG_CONTENT_TYPE -> endpoint.body(fresh, fresh);
      case INVALID_PSEUDONYM -> endpoint.body("t1.not-a-mac", fresh);
      case UNKNOWN_KID -> endpoint.body(unknownKid, fresh);
      case BSN_AS_SUBJECT -> endpoint.body(BSN, fresh);
    };
    long auditBefore = service.auditLog().size();

    HttpResponse<String> r = send(endpoint.method, endpoint.path, endpoint.token, contentType, body);

    int expected = bad == Bad.WRONG_CONTENT_TYPE ? 415 : 400;
    assertThat(r.statusCode()).isEqualTo(expected);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(r.body());
    ProblemType type = expected == 415 ? ProblemType.UNSUPPORTED_MEDIA_TYPE : ProblemType.INVALID_REQUEST;
    assertThat(problem.getString("type")).isEqualTo(type.uri());
    assertThat(problem.getInteger("status")).isEqualTo(expected);
    // No subject of the request in the response; compared by MAC, the part that identifies.
    for (String subject : List.of(kept1, kept2, fresh, unknownKid)) {
      assertThat(r.body().contains(subject.substring(3))).as("a pseudonym of the request is in the response").isFalse();
    }
    assertThat(r.body().contains(BSN)).as("the BSN of the request is in the response").isFalse();

    List<AuditEntry> audit = auditEntries();
    assertThat(audit).hasSize((int) auditBefore + 1);
    AuditEntry entry = audit.get(audit.size() - 1);
    assertThat(entry.action()).isEqualTo(endpoint.action);
    assertThat(entry.outcome()).isEqualTo(AuditOutcome.INVALID);
    assertThat(entry.problemType()).isEqualTo(type.slug());

    assertThat(service.index().registrationCounts()).isEqualTo(countsBefore);
    assertThat(seenBy(kept1)).containsExactly("leerplicht");
    assertThat(seenBy(kept2)).containsExactly("leerplicht");
    assertThat(seenBy(fresh)).isEmpty();
  }

  /** The agencies the politie querier sees for a subject. */
  private static List<String> seenBy(String pseudonym) {
    String body = new JsonObject().put("purpose", "screening").put("requestedBy", "test.user")
        .put("subjects", new JsonArray().add(pseudonym)).encode();
    HttpResponse<String> r = send("POST", "/v1/lookups", POLITIE_QUERIER, "application/json", body);
    assertThat(r.statusCode()).as("checking lookup").isEqualTo(200);
    JsonArray agencies = new JsonObject(r.body()).getJsonArray("results").getJsonObject(0).getJsonArray("agencies");
    return agencies.stream().map(a -> ((JsonObject) a).getString("code")).toList();
  }

  private static List<AuditEntry> auditEntries() {
    FileAuditLog log = (FileAuditLog) service.auditLog();
    try (Stream<StoredAuditEntry> stored = log.read(0)) {
      return stored.map(StoredAuditEntry::entry).toList();
    }
  }

  private static HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
        .method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType)
        .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
