package nl.hitmachine.portal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.vertx.core.json.JsonObject;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.connector.cli.HitConnect;
import nl.hitmachine.portal.review.CheckpointCheck;
import nl.hitmachine.portal.review.PrivacyReview;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.DemoUsers;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OneTimeSignIn;
import nl.hitmachine.portal.web.PortalConfig;
import nl.hitmachine.portal.web.PortalServer;
import nl.hitmachine.portal.web.PortalServices;
import nl.hitmachine.service.HitService;
import nl.hitmachine.service.config.ConfigLoader;
import picocli.CommandLine;

/**
 * The whole demo, in-process and on free ports: the real hit-service on its embedded demo
 * configuration (RocksDB and audit log in a temp directory), a small synthetic city pushed through
 * the real SDK by {@code hitconnect demo load} (which also writes the coordinator's screening list),
 * and the portal with the demo's users and the coordinator's and privacy officer's credentials.
 */
public final class PortalTestEnvironment implements AutoCloseable {
  public final Path dir;
  public final HitService service;
  public final URI serviceUri;
  public final Path screeningList;
  public final Path keyDir;
  public final Path usersDir;
  public final PortalServer portal;
  public final JsonObject credentials;
  private final HitmachineClient querier;
  private final HitmachineClient officer;

  private PortalTestEnvironment(Path dir, HitService service, URI serviceUri, Path screeningList, Path keyDir, Path usersDir,
      PortalServer portal, JsonObject credentials, HitmachineClient querier, HitmachineClient officer) {
    this.dir = dir;
    this.service = service;
    this.serviceUri = serviceUri;
    this.screeningList = screeningList;
    this.keyDir = keyDir;
    this.usersDir = usersDir;
    this.portal = portal;
    this.credentials = credentials;
    this.querier = querier;
    this.officer = officer;
  }

  public static PortalTestEnvironment start(Path dir) throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HITMACHINE_SERVER_PORT", "0");
    env.put("HITMACHINE_MANAGEMENT_ENABLED", "false");
    env.put("HITMACHINE_STORAGE_DATA_DIR", dir.resolve("data").toString());
    env.put("HITMACHINE_KEYS_INDEX_KEY_FILE", dir.resolve("keys/index.key").toString());
    env.put("HITMACHINE_KEYS_AUDIT_KEY_FILE", dir.resolve("keys/audit.key").toString());
    env.put("HITMACHINE_AUDIT_CHECKPOINT_KEY_FILE", dir.resolve("keys/checkpoint.key").toString());
    env.put("HITMACHINE_AUDIT_CHECKPOINT_VERIFIER_FILE", dir.resolve("keys/checkpoint.pub").toString());
    env.put("HITMACHINE_DEMO_CREDENTIALS_FILE", dir.resolve("demo/credentials.json").toString());
    HitService service = HitService.start(new ConfigLoader().load(null, env), Clock.system(ZoneId.of("Europe/Amsterdam")));
    URI uri = URI.create("http://127.0.0.1:" + service.port());
    Path keyDir = dir.resolve("demo/connector-keys");
    int code = new CommandLine(new HitConnect(Clock.systemUTC())).execute("demo", "load", "--url", uri.toString(),
        "--credentials", dir.resolve("demo/credentials.json").toString(), "--key-dir", keyDir.toString(),
        "--out", dir.resolve("demo").toString(), "--scale", "0.05");
    if (code != 0) {
      service.close();
      throw new IllegalStateException("hitconnect demo load failed with exit code " + code);
    }
    JsonObject credentials = new JsonObject(Files.readString(dir.resolve("demo/credentials.json")));
    HitmachineClient querier = HitmachineClient.builder(uri, token(credentials, "vh-coordinator")).build();
    HitmachineClient officer = HitmachineClient.builder(uri, token(credentials, "fg-privacy")).build();
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.load(keyDir));
    Clock clock = Clock.system(ZoneId.of("Europe/Amsterdam"));
    Path usersDir = dir.resolve("portal-users");
    Path users = DemoUsers.ensure(usersDir, new SecureRandom());
    PortalServer portal = PortalServer.start(
        new PortalConfig("127.0.0.1", 0, false, Duration.ofMinutes(30), Duration.ofHours(8), List.of("screening", "casusoverleg")),
        new PortalServices(LocalUsers.load(users), new OneTimeSignIn(clock, new SecureRandom()),
            new Screening(new BsnLookup(pseudonymiser, querier), clock),
            new PrivacyReview(officer, pseudonymiser, CheckpointCheck.of(Files.readString(dir.resolve("keys/checkpoint.pub"))), clock)),
        clock, ZoneId.of("Europe/Amsterdam"));
    return new PortalTestEnvironment(dir, service, uri, dir.resolve("demo/screening-list.csv"), keyDir, usersDir, portal,
        credentials, querier, officer);
  }

  public static String token(JsonObject credentials, String clientId) {
    return credentials.getJsonArray("clients").stream().map(JsonObject.class::cast)
        .filter(c -> clientId.equals(c.getString("clientId"))).findFirst().orElseThrow().getString("token");
  }

  public String portalUrl(String path) {
    return "http://127.0.0.1:" + portal.port() + path;
  }

  public String password(String username) throws IOException {
    return DemoUsers.password(usersDir, username);
  }

  /** The coordinator's client, for an independent lookup through the SDK to compare the portal's answer with. */
  public HitmachineClient querier() {
    return querier;
  }

  public HitmachineClient officer() {
    return officer;
  }

  @Override
  public void close() {
    portal.close();
    querier.close();
    officer.close();
    service.close();
  }
}
