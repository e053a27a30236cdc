package nl.hitmachine.service;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import nl.hitmachine.service.backup.BackupCommand;
import nl.hitmachine.service.backup.RestoreCommand;
import nl.hitmachine.service.config.ConfigException;
import nl.hitmachine.service.config.ConfigLoader;
import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.pki.cli.PkiCommand;
import nl.hitmachine.service.tools.AuditCommand;

/**
 * Starts hit-service. Usage: {@code java -jar hit-service.jar [--config FILE]}; without a file it
 * runs on the embedded demo defaults. The file can also be named by {@code HITMACHINE_CONFIG}.
 *
 * <p>{@code java -jar hit-service.jar audit verify ...} runs the offline audit verifier instead
 * ({@link AuditCommand}); it starts nothing and needs no secret. {@code java -jar hit-service.jar pki
 * ...} runs the development CA ({@link PkiCommand}).
 */
public final class HitServiceMain {
  private HitServiceMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("audit")) {
      System.exit(AuditCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("backup")) {
      System.exit(BackupCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("restore")) {
      System.exit(RestoreCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("pki")) {
      System.exit(PkiCommand.run(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s %5$s%6$s%n");
    Path configFile = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        configFile = Path.of(args[++i]);
      } else if (args[i].equals("--help") || args[i].equals("-h")) {
        System.out.println("usage: hit-service [--config FILE]   (default: embedded demo configuration)\n"
            + "       hit-service audit verify (--audit-dir DIR | --export FILE --checkpoints DIR) --verifier-key FILE.pub"
            + "   (offline audit check)\n"
            + "       hit-service backup --data-dir DIR --out DIR   (stopped service; docs/operations.md)\n"
            + "       hit-service restore --backup DIR --data-dir DIR   (verify and restore a backup)\n"
            + "       hit-service pki init|issue-server|issue-client|list|revoke|crl ...   (development CA, docs/pki.md)");
        return;
      } else {
        System.err.println("unknown argument: " + args[i] + "\nusage: hit-service [--config FILE]");
        System.exit(2);
      }
    }
    if (configFile == null && System.getenv("HITMACHINE_CONFIG") != null) {
      configFile = Path.of(System.getenv("HITMACHINE_CONFIG"));
    }
    HitServiceConfig config;
    try {
      config = new ConfigLoader().load(configFile, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    HitService service;
    try {
      service = HitService.start(config, Clock.system(ZoneId.of("Europe/Amsterdam")));
    } catch (RuntimeException e) {
      System.err.println("hit-service did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    // SIGTERM/SIGINT run the shutdown hooks: drain, flush the audit log, final checkpoint, close RocksDB.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println(shutdownLine(service.shutdown("signal")));
      System.out.flush();
    }, "hit-service-shutdown"));
    System.out.println(startLine(config, service));
  }

  /** The one start-up line: version, where it listens, TLS, sizes, time to ready. */
  static String startLine(HitServiceConfig config, HitService service) {
    String version = HitServiceMain.class.getPackage().getImplementationVersion();
    String scheme = config.server().tls() == null ? "http" : "https";
    String tls = config.server().tls() == null ? "off"
        : config.server().tls().clientCertificateRequired() ? "mutual" : "on";
    long subjects = service.indexStatistics().map(s -> s.estimatedSubjects()).orElse(-1L);
    return "hit-service started: version=" + (version == null ? "dev" : version)
        + " api=" + scheme + "://" + config.server().host() + ":" + service.port()
        + " management=" + (service.managementPort() < 0 ? "off"
            : "http://" + config.management().host() + ":" + service.managementPort() + "/metrics")
        + " tls=" + tls
        + " bearerTokens=" + (config.server().bearerTokensEnabled() ? "on" : "off")
        + " indexSubjects~=" + subjects
        + " auditTreeSize=" + service.auditLog().treeHead().size()
        + " readyMs=" + service.startDuration().toMillis()
        + " logFormat=" + config.logging().format()
        + " data=" + Path.of(config.storage().dataDir()).toAbsolutePath()
        + (config.demo().enabled() ? " demoCredentials=" + Path.of(config.demo().credentialsFile()).toAbsolutePath() : "");
  }

  /** The one shutdown line: why, what was drained, the final checkpoint, how long it took. */
  static String shutdownLine(HitService.Shutdown s) {
    return "hit-service stopped: reason=" + s.reason()
        + " inFlight=" + s.inFlight()
        + " drained=" + s.drained()
        + " finalCheckpointSize=" + s.finalCheckpointSize()
        + " durationMs=" + s.duration().toMillis();
  }
}
