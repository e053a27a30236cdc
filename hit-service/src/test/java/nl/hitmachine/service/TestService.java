package nl.hitmachine.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;
import nl.hitmachine.service.config.AgencyConfig;
import nl.hitmachine.service.config.AuditConfig;
import nl.hitmachine.service.config.ClientConfig;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.KeysConfig;
import nl.hitmachine.service.config.LimitsConfig;
import nl.hitmachine.service.config.LookupLimitsConfig;
import nl.hitmachine.service.config.LookupConfig;
import nl.hitmachine.service.config.ManagementConfig;
import nl.hitmachine.service.config.PurposeConfig;
import nl.hitmachine.service.config.ServerConfig;
import nl.hitmachine.service.config.StorageConfig;
import nl.hitmachine.service.config.WorkersConfig;

/**
 * The real hit-service on port 0 with real RocksDB and audit log in a temp directory, a test clock,
 * and a small HTTP client. Agencies: leerplicht (onderwijs), schuldhulp (financien), wijkteam
 * (zorg), politie (veiligheid), om (justitie, protected), veiligheidshuis (coordinator, cleared,
 * legitimate relation required).
 */
public final class TestService implements AutoCloseable {
  public static final String LEERPLICHT = "leerplicht-token";
  public static final String SCHULDHULP = "schuldhulp-token";
  public static final String WIJKTEAM = "wijkteam-token";
  public static final String POLITIE = "politie-token";
  public static final String OM = "om-token";
  public static final String COORDINATOR = "coordinator-token";
  public static final String WIJKTEAM_QUERIER = "wijkteam-querier-token";
  public static final String POLITIE_QUERIER = "politie-querier-token";
  /** Client "fg-officer" of the veiligheidshuis with only the privacy-officer role. */
  public static final String PRIVACY_OFFICER = "privacy-officer-token";

  /** Lookup limits no functional test reaches (the test clock stands still, so buckets never refill). */
  public static final LookupLimitsConfig UNLIMITED_LOOKUPS = new LookupLimitsConfig(1_000_000, 1_000_000, 1_000_000_000);

  private static final SecureRandom RANDOM = new SecureRandom();

  public final Path dir;
  public final MutableClock clock;
  public final HitService service;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestService(Path dir, MutableClock clock, HitService service) {
    this.dir = dir;
    this.clock = clock;
    this.service = service;
  }

  public static TestService start(Path dir) {
    return start(dir, new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam")));
  }

  public static TestService start(Path dir, MutableClock clock) {
    return start(dir, clock, FileAuditLog::open);
  }

  public static TestService start(Path dir, MutableClock clock, Function<Path, AuditLog> auditLogs) {
    return new TestService(dir, clock, HitService.start(config(dir), clock, auditLogs));
  }

  /** Starts with the test configuration but other agencies and clients. */
  public static TestService startWith(Path dir, List<AgencyConfig> agencies, List<ClientConfig> clients) {
    HitServiceConfig c = config(dir);
    HitServiceConfig changed = new HitServiceConfig(c.server(), c.storage(), c.keys(), c.audit(), c.limits(), c.retention(),
        c.lookup(), c.pseudonyms(), c.workers(), c.demo(), agencies, c.purposes(), clients, c.management());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    return new TestService(dir, clock, HitService.start(changed, clock, FileAuditLog::open));
  }

  /** Starts with a whole configuration of its own (e.g. one with server.tls). */
  public static TestService start(Path dir, HitServiceConfig config) {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    return new TestService(dir, clock, HitService.start(config, clock, FileAuditLog::open));
  }

  /**
   * The test configuration's size limits (64 KiB bodies, 50 items, 100 caseload lines, 20 subjects
   * per lookup, 3 aliases) with these lookup limits and body deadlines ({@code null}: defaults);
   * quotas reset at midnight in Europe/Amsterdam.
   */
  public static LimitsConfig limits(LookupLimitsConfig lookups, Integer bodySeconds, Integer replaceSeconds) {
    return new LimitsConfig(64L * 1024, 50, 50, 100, 64L * 1024, 20, 3, lookups, null, bodySeconds, replaceSeconds);
  }

  /** Starts with the test configuration but other limits. */
  public static TestService startWithLimits(Path dir, LimitsConfig limits) {
    HitServiceConfig c = config(dir);
    HitServiceConfig changed = new HitServiceConfig(c.server(), c.storage(), c.keys(), c.audit(), limits, c.retention(), c.lookup(),
        c.pseudonyms(), c.workers(), c.demo(), c.agencies(), c.purposes(), c.clients(), c.management());
    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("Europe/Amsterdam"));
    return new TestService(dir, clock, HitService.start(changed, clock, FileAuditLog::open));
  }

  public static HitServiceConfig config(Path dir) {
    List<AgencyConfig> agencies = List.of(
        new AgencyConfig("veiligheidshuis", "Veiligheidshuis", "veiligheid", false, true, true, null),
        new AgencyConfig("leerplicht", "Leerplicht", "onderwijs", false, false, false, null),
        new AgencyConfig("schuldhulp", "Schuldhulpverlening", "financien", false, false, false, null),
        new AgencyConfig("wijkteam", "Sociaal wijkteam", "zorg", false, false, true, null),
        new AgencyConfig("politie", "Politie", "veiligheid", false, false, false, null),
        new AgencyConfig("om", "Openbaar Ministerie", "justitie", true, false, false, null));
    List<ClientConfig> clients = List.of(
        client("leerplicht-connector", "leerplicht", List.of("connector"), LEERPLICHT),
        client("schuldhulp-connector", "schuldhulp", List.of("connector"), SCHULDHULP),
        client("wijkteam-connector", "wijkteam", List.of("connector"), WIJKTEAM),
        client("politie-connector", "politie", List.of("connector"), POLITIE),
        client("om-connector", "om", List.of("connector"), OM),
        new ClientConfig("vh-coordinator", "veiligheidshuis", List.of("querier", "connector"),
            List.of("screening"), BearerTokenAuthenticator.sha256Hex(COORDINATOR)),
        new ClientConfig("wijkteam-professional", "wijkteam", List.of("querier"), List.of("hulpverlening"),
            BearerTokenAuthenticator.sha256Hex(WIJKTEAM_QUERIER)),
        new ClientConfig("politie-querier", "politie", List.of("querier"), List.of("screening"),
            BearerTokenAuthenticator.sha256Hex(POLITIE_QUERIER)),
        client("fg-officer", "veiligheidshuis", List.of("privacy-officer"), PRIVACY_OFFICER));
    return new HitServiceConfig(
        new ServerConfig("127.0.0.1", 0),
        new StorageConfig(dir.resolve("data").toString(), dir.resolve("backups").toString()),
        new KeysConfig(dir.resolve("keys/index.key").toString(), dir.resolve("keys/audit.key").toString(), true),
        new AuditConfig("test.hitmachine/audit", dir.resolve("keys/checkpoint.key").toString(),
            dir.resolve("keys/checkpoint.pub").toString()),
        limits(UNLIMITED_LOOKUPS, null, null),
        null,
        new LookupConfig(3),
        null,
        new WorkersConfig(1, 4),
        null,
        agencies,
        List.of(new PurposeConfig("screening", "Screening"), new PurposeConfig("hulpverlening", "Hulpverlening")),
        clients,
        new ManagementConfig(true, "127.0.0.1", 0));
  }

  private static ClientConfig client(String id, String agency, List<String> roles, String token) {
    return new ClientConfig(id, agency, roles, List.of(), BearerTokenAuthenticator.sha256Hex(token));
  }

  /** A random well-formed pseudonym under kid "t1". */
  public static String pseudonym() {
    byte[] mac = new byte[32];
    RANDOM.nextBytes(mac);
    return "t1." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  public HttpResponse<String> send(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET {@code path} on the management port (e.g. {@code /metrics}). */
  public HttpResponse<String> management(String method, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String token) {
    return send("GET", path, token, null, null);
  }

  public HttpResponse<String> postJson(String path, String token, JsonObject body) {
    return send("POST", path, token, "application/json", body.encode());
  }

  /** Registers {@code subjects} for the agency of {@code token}; fails the test unless that succeeds. */
  public void register(String token, String... subjects) {
    JsonArray items = new JsonArray();
    for (String p : subjects) {
      items.add(new JsonObject().put("subject", p));
    }
    HttpResponse<String> r = postJson("/v1/registrations", token, new JsonObject().put("registrations", items));
    if (r.statusCode() != 200) {
      throw new AssertionError("registration failed: " + r.statusCode() + " " + r.body());
    }
  }

  public HttpResponse<String> putNdjson(String token, String body) {
    return send("PUT", "/v1/registrations", token, "application/x-ndjson", body);
  }

  @Override
  public void close() {
    service.close();
  }
}
