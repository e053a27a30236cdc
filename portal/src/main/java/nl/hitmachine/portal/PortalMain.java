package nl.hitmachine.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import nl.hitmachine.connector.BsnLookup;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import nl.hitmachine.portal.review.CheckpointCheck;
import nl.hitmachine.portal.review.PrivacyReview;
import nl.hitmachine.portal.screening.Screening;
import nl.hitmachine.portal.users.DemoUsers;
import nl.hitmachine.portal.users.LocalUsers;
import nl.hitmachine.portal.users.OidcProvider;
import nl.hitmachine.portal.users.OneTimeSignIn;
import nl.hitmachine.portal.web.PortalConfig;
import nl.hitmachine.portal.web.PortalServer;
import nl.hitmachine.portal.web.PortalServices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar hitmachine-portal.jar}: the partner portal, run inside the partner's own network
 * next to its connector. Wiring only: options → SDK clients (the partner's credentials, its
 * federation key ring) → pages → server.
 */
@Command(name = "hitmachine-portal", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Serves the Hitmachine partner portal: screening and privacy review in a browser. BSNs are"
        + " pseudonymised here with the partner's federation key; only pseudonyms go to hit-service.")
public final class PortalMain implements Callable<Integer> {
  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8081", description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--service-url", description = "hit-service's base URL (default: the url in --demo-credentials).")
  URI serviceUrl;

  @Option(names = "--querier-token-file", description = "File with the bearer token of the partner's querier client (screening).")
  Path querierTokenFile;

  @Option(names = "--privacy-token-file", description = "File with the bearer token of the privacy-officer client (privacy review).")
  Path privacyTokenFile;

  @Option(names = "--demo-credentials", description = "hit-service's demo credentials file; tokens of --querier-client and --privacy-client.")
  Path demoCredentials;

  @Option(names = "--querier-client", defaultValue = "vh-coordinator", description = "Client id in --demo-credentials for screening (default ${DEFAULT-VALUE}).")
  String querierClient;

  @Option(names = "--privacy-client", defaultValue = "fg-privacy", description = "Client id in --demo-credentials for privacy review (default ${DEFAULT-VALUE}).")
  String privacyClient;

  @Option(names = "--key-dir", required = true, description = "The partner's federation key directory (<kid>.key files, mode 600).")
  Path keyDir;

  @Option(names = "--verifier-key", description = "hit-service's public checkpoint verifier key (checkpoint.pub).")
  Path verifierKey;

  @Option(names = "--users", description = "Local user list (username:roles:name:hash, see portal/README.md).")
  Path usersFile;

  @Option(names = "--demo-users", description = "Directory for demo users made at first start (coordinator, privacy) and a one-time sign-in link.")
  Path demoUsersDir;

  @Option(names = "--oidc-issuer", description = "Sign in through this OpenID provider (issuer URL; its discovery document is read at start).")
  URI oidcIssuer;

  @Option(names = "--oidc-client-id", description = "The portal's client id at the OpenID provider.")
  String oidcClientId;

  @Option(names = "--oidc-client-secret-file", description = "File with the portal's client secret (mode 600).")
  Path oidcClientSecretFile;

  @Option(names = "--oidc-redirect-uri", description = "The portal's callback as the provider knows it: https://<portal>/sign-in/oidc/callback.")
  URI oidcRedirectUri;

  @Option(names = "--oidc-roles-claim", defaultValue = "roles", description = "ID token claim listing the portal roles screening / privacy (default ${DEFAULT-VALUE}).")
  String oidcRolesClaim;

  @Option(names = "--purpose", split = ",", description = "Purpose codes the querier may state (default: screening,casusoverleg).")
  List<String> purposes = new ArrayList<>(List.of("screening", "casusoverleg"));

  @Option(names = "--secure-cookies", description = "Mark the session cookie Secure (set when users reach the portal over HTTPS).")
  boolean secureCookies;

  @Option(names = "--idle-minutes", defaultValue = "30", description = "Session idle timeout (default ${DEFAULT-VALUE}).")
  int idleMinutes;

  @Option(names = "--session-hours", defaultValue = "8", description = "Absolute session lifetime (default ${DEFAULT-VALUE}).")
  int sessionHours;

  @Option(names = "--time-zone", defaultValue = "Europe/Amsterdam", description = "Time zone of dates shown and entered (default ${DEFAULT-VALUE}).")
  ZoneId zone;

  public static void main(String[] args) {
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s %5$s%6$s%n");
    int code = new CommandLine(new PortalMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    if (usersFile != null && demoUsersDir != null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "give at most one of --users or --demo-users");
    }
    if (usersFile == null && demoUsersDir == null && oidcIssuer == null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "give --users, --demo-users or --oidc-issuer");
    }
    OidcProvider oidc = null;
    if (oidcIssuer != null) {
      if (oidcClientId == null || oidcClientSecretFile == null || oidcRedirectUri == null) {
        throw new CommandLine.ParameterException(new CommandLine(this),
            "--oidc-issuer needs --oidc-client-id, --oidc-client-secret-file and --oidc-redirect-uri");
      }
      oidc = OidcProvider.discover(new OidcProvider.Config(oidcIssuer, oidcClientId,
          Files.readString(oidcClientSecretFile).strip(), oidcRedirectUri, oidcRolesClaim));
    }
    SecureRandom random = new SecureRandom();
    Path users = usersFile != null ? usersFile : demoUsersDir != null ? DemoUsers.ensure(demoUsersDir, random) : null;
    PortalConfig config = new PortalConfig(host, port, secureCookies, Duration.ofMinutes(idleMinutes), Duration.ofHours(sessionHours), purposes);
    if (demoUsersDir != null && !config.loopbackOnly()) {
      throw new CommandLine.ParameterException(new CommandLine(this), "--demo-users only on a loopback --host");
    }
    Clock clock = Clock.system(zone);
    JsonObject demo = demoCredentials == null ? null : new JsonObject(Files.readString(demoCredentials));
    URI url = serviceUrl != null ? serviceUrl : demo != null && demo.getString("url") != null ? URI.create(demo.getString("url")) : null;
    if (url == null) {
      throw new CommandLine.ParameterException(new CommandLine(this), "give --service-url (or --demo-credentials with a url)");
    }
    String querierToken = token(querierTokenFile, demo, querierClient);
    String privacyToken = token(privacyTokenFile, demo, privacyClient);
    Pseudonymiser pseudonymiser = Pseudonymiser.of(PseudonymKeyRing.load(keyDir));

    List<AutoCloseable> closeables = new ArrayList<>();
    Screening screening = null;
    if (querierToken != null) {
      HitmachineClient querier = HitmachineClient.builder(url, querierToken).build();
      closeables.add(querier);
      screening = new Screening(new BsnLookup(pseudonymiser, querier), clock);
    }
    PrivacyReview review = null;
    if (privacyToken != null) {
      if (verifierKey == null) {
        throw new CommandLine.ParameterException(new CommandLine(this), "privacy review needs --verifier-key (hit-service's checkpoint.pub)");
      }
      HitmachineClient officer = HitmachineClient.builder(url, privacyToken).build();
      closeables.add(officer);
      review = new PrivacyReview(officer, pseudonymiser, CheckpointCheck.of(Files.readString(verifierKey)), clock);
    }
    OneTimeSignIn oneTime = demoUsersDir != null ? new OneTimeSignIn(clock, random) : null;
    PortalServer server = PortalServer.start(config,
        new PortalServices(users == null ? null : LocalUsers.load(users), oneTime, screening, review, oidc), clock, zone);
    String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    out.println("hitmachine-portal listening on " + base + " (hit-service: " + url + ", screening "
        + (screening != null ? "on" : "off") + ", privacy review " + (review != null ? "on" : "off")
        + (oidc != null ? ", sign-in through " + oidcIssuer : "") + ")");
    if (oneTime != null) {
      out.println("demo sign-in as the coordinator (single use, 30 minutes): " + base + "/sign-in/once?token="
          + oneTime.issue(DemoUsers.COORDINATOR.username(), Duration.ofMinutes(30)));
      out.println("demo users and passwords: " + demoUsersDir.resolve(DemoUsers.PASSWORDS_FILE));
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      for (AutoCloseable c : closeables) {
        try {
          c.close();
        } catch (Exception ignored) {
          // shutting down
        }
      }
      stopped.countDown();
    }, "portal-shutdown"));
    stopped.await();
    return 0;
  }

  private static String token(Path file, JsonObject demo, String clientId) throws IOException {
    if (file != null) {
      return Files.readString(file).strip();
    }
    if (demo == null) {
      return null;
    }
    for (Object o : demo.getJsonArray("clients", new JsonArray())) {
      if (o instanceof JsonObject c && clientId.equals(c.getString("clientId"))) {
        return c.getString("token");
      }
    }
    return null;
  }
}
