package nl.hitmachine.service;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import nl.hitmachine.service.api.http.HttpApi;
import nl.hitmachine.service.api.http.HttpApiVerticle;
import nl.hitmachine.service.api.http.RequestLog;
import nl.hitmachine.service.api.http.ServerTls;
import nl.hitmachine.service.audit.AuditLog;
import nl.hitmachine.service.audit.FileAuditLog;
import nl.hitmachine.service.auth.Authenticator;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;
import nl.hitmachine.service.auth.CertificateAuthenticator;
import nl.hitmachine.service.auth.CertificateFirstAuthenticator;
import nl.hitmachine.service.auth.DistinguishedNames;
import nl.hitmachine.service.checkpoint.CheckpointKeys;
import nl.hitmachine.service.checkpoint.CheckpointPublisher;
import nl.hitmachine.service.checkpoint.RetentionJob;
import nl.hitmachine.service.auth.DemoCredentials;
import nl.hitmachine.service.auth.Principal;
import nl.hitmachine.service.auth.Role;
import nl.hitmachine.service.config.AgencyConfig;
import nl.hitmachine.service.config.AnomalyConfig;
import nl.hitmachine.service.config.ClientConfig;

import nl.hitmachine.service.config.HitServiceConfig;
import nl.hitmachine.service.config.KeysConfig;
import nl.hitmachine.service.config.LookupLimitsConfig;
import nl.hitmachine.service.config.RetentionConfig;
import nl.hitmachine.service.config.TlsConfig;
import nl.hitmachine.service.crypto.ClientCertificateTrust;
import nl.hitmachine.service.crypto.KeyStorePassword;
import nl.hitmachine.service.crypto.ServerKeyStore;
import nl.hitmachine.service.crypto.NoteSigner;
import nl.hitmachine.service.crypto.PseudonymKeyer;
import nl.hitmachine.service.crypto.ServerKeyFile;
import nl.hitmachine.service.hit.Agency;
import nl.hitmachine.service.hit.AgencyRegister;
import nl.hitmachine.service.hit.AnomalyReportService;
import nl.hitmachine.service.hit.AnomalyRules;
import nl.hitmachine.service.hit.AuditReadService;
import nl.hitmachine.service.hit.AuditSearchService;
import nl.hitmachine.service.hit.AuditTrail;
import nl.hitmachine.service.hit.BackupService;
import nl.hitmachine.service.hit.LookupLimiter;
import nl.hitmachine.service.hit.LookupService;
import nl.hitmachine.service.hit.PseudonymFormat;
import nl.hitmachine.service.hit.RegistrationService;
import nl.hitmachine.service.backup.BackupManifest;
import nl.hitmachine.service.backup.Backups;
import nl.hitmachine.service.index.HitIndex;
import nl.hitmachine.service.index.RocksDbHitIndex;
import nl.hitmachine.service.metrics.ManagementServer;
import nl.hitmachine.service.health.FreeDiskSpace;
import nl.hitmachine.service.health.Readiness;
import nl.hitmachine.service.logging.LineWriter;
import io.vertx.core.Future;
import nl.hitmachine.service.metrics.ServiceMetrics;

/**
 * A running hit-service: keys, index, audit log, use cases and the HTTP API, wired from one
 * configuration. A checkpoint publisher signs the audit log's tree head every second while it grows
 * (in {@code dataDir/audit/checkpoints}); an hourly {@link RetentionJob} removes audit periods past
 * {@code audit.retention.months}. {@link #shutdown} (and {@link #close()}) stops in this order:
 *
 * <ol>
 *   <li>readiness turns false ({@code shutting-down});
 *   <li>the API servers stop accepting connections and drain: each connection closes once its
 *       request in flight is answered, after {@code server.drainSeconds} at the latest; then the
 *       management server and Vert.x (event loops, worker pools) stop — no new call can start;
 *   <li>the checkpoint timer and the retention job stop;
 *   <li>the audit log flushes its pending entries and closes;
 *   <li>a final signed checkpoint covers every entry;
 *   <li>RocksDB closes (after waiting for running reads and submitted writes);
 *   <li>the request log writes what it has queued.
 * </ol>
 *
 * An answer leaves only after its audit entry is durable, so a request cut off by the drain
 * timeout gets an error or a closed connection, never an unaudited answer.
 */
public final class HitService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("hitmachine");
  /** Name of the worker pool for index reads, keying and parsing. */
  public static final String WORKER_POOL = "hit-index";

  private final Vertx vertx;
  private final HitIndex index;
  private final AuditLog audit;
  private final CheckpointPublisher checkpoints;
  private final ScheduledExecutorService checkpointTimer;
  private final ScheduledExecutorService retentionTimer;
  private final RetentionJob retention; // null when audit entries are kept forever
  private final int port;
  private final List<HttpApiVerticle> verticles;
  private final Readiness readiness;
  private final RequestLog requestLog;
  private final LineWriter requestLines; // null unless logging.format is json
  private final Duration drain;
  private final Duration startDuration;
  private ManagementServer managementServer;
  private ServiceMetrics metrics;
  private int managementPort = -1;
  private Shutdown shutdown;
  private Path dataDir;
  private Clock clock;

  private HitService(Vertx vertx, HitIndex index, AuditLog audit, CheckpointPublisher checkpoints,
      ScheduledExecutorService checkpointTimer, ScheduledExecutorService retentionTimer, RetentionJob retention,
      int port, List<HttpApiVerticle> verticles, Readiness readiness, RequestLog requestLog, LineWriter requestLines,
      Duration drain, Duration startDuration) {
    this.vertx = vertx;
    this.index = index;
    this.audit = audit;
    this.checkpoints = checkpoints;
    this.checkpointTimer = checkpointTimer;
    this.retentionTimer = retentionTimer;
    this.retention = retention;
    this.port = port;
    this.verticles = List.copyOf(verticles);
    this.readiness = readiness;
    this.requestLog = requestLog;
    this.requestLines = requestLines;
    this.drain = drain;
    this.startDuration = startDuration;
  }

  /**
   * What a shutdown did, for its one log line.
   *
   * @param reason why it stopped (e.g. {@code signal}, {@code close})
   * @param inFlight requests in flight when the drain began
   * @param drained of those, the ones answered before their connection closed
   * @param finalCheckpointSize tree size of the last signed checkpoint (-1: none could be signed)
   * @param duration from the start of the shutdown until RocksDB was closed
   */
  public record Shutdown(String reason, int inFlight, int drained, long finalCheckpointSize, Duration duration) {}

  /** Starts with the real audit log in {@code dataDir/audit}. */
  public static HitService start(HitServiceConfig config, Clock clock) {
    return start(config, clock, FileAuditLog::open);
  }

  /** Starts with an audit log made by {@code auditLogs} from its directory (tests inject faults here). */
  public static HitService start(HitServiceConfig config, Clock clock, Function<Path, AuditLog> auditLogs) {
    long startNanos = System.nanoTime();
    SecureRandom random = new SecureRandom();
    // TLS first: a TLS problem stops start-up before anything is opened. The handshake checks
    // certificates against the system time, so these start-up checks do too.
    ServerTls tls = config.server().tls() == null ? null : serverTls(config.server().tls(), Clock.systemUTC());
    Path dataDir = Path.of(config.storage().dataDir());
    boolean generate = config.keys().generateIfMissing();
    KeysConfig keys = config.keys();
    PseudonymKeyer keyer = new PseudonymKeyer(
        keys.indexKeyEnv() != null
            ? ServerKeyFile.fromEnvironment(keys.indexKeyEnv(), System::getenv)
            : ServerKeyFile.load(Path.of(keys.indexKeyFile()), generate, random),
        keys.auditKeyEnv() != null
            ? ServerKeyFile.fromEnvironment(keys.auditKeyEnv(), System::getenv)
            : ServerKeyFile.load(Path.of(keys.auditKeyFile()), generate, random));
    NoteSigner checkpointSigner = new NoteSigner(CheckpointKeys.load(Path.of(config.audit().checkpointKeyFile()),
        Path.of(config.audit().checkpointVerifierFile()), config.audit().origin(), generate, random));
    AgencyRegister agencies = agencyRegister(config);
    RocksDbHitIndex index = RocksDbHitIndex.open(dataDir.resolve("index"), clock);
    AuditLog audit;
    try {
      audit = auditLogs.apply(dataDir.resolve("audit"));
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    CheckpointPublisher checkpoints = new CheckpointPublisher(audit::treeHead, config.audit().origin(),
        checkpointSigner, dataDir.resolve("audit").resolve("checkpoints"));
    List<String> agencyCodes = config.agencies().stream().map(AgencyConfig::code).toList();
    ServiceMetrics metrics = new ServiceMetrics(agencyCodes, () -> audit.treeHead().size(), clock);
    metrics.index(index::statistics, index::registrationCounts, agencyCodes);
    checkpoints.onPublished(metrics.checkpoints());
    if (audit instanceof FileAuditLog log) {
      log.commitListener(metrics.auditCommits());
    }
    ScheduledExecutorService checkpointTimer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("audit-checkpoints").daemon(true).factory());
    ScheduledExecutorService retentionTimer = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("audit-retention").daemon(true).factory());
    Vertx vertx = metrics.vertx(new VertxOptions().setEventLoopPoolSize(config.workers().eventLoops()));
    LineWriter requestLines = config.logging().json() ? new LineWriter(System.out, 65_536) : null;
    RequestLog requestLog = new RequestLog(requestLines, Clock.systemUTC());
    metrics.requestsInFlight(requestLog::inFlight);
    Readiness readiness = new Readiness()
        .check("index", index::isWritable)
        .check("audit-log", audit::isWritable)
        .check("index-disk-space", new FreeDiskSpace(dataDir.resolve("index"), config.health().minFreeDiskBytes(),
            config.health().minFreeDiskPercent()))
        .check("audit-disk-space", new FreeDiskSpace(dataDir.resolve("audit"), config.health().minFreeDiskBytes(),
            config.health().minFreeDiskPercent()));
    try {
      publishQuietly(checkpoints); // one at start if the log is not empty
      RetentionJob retention =
          scheduleRetention(retentionTimer, audit, checkpoints, clock, config.audit().retention().months());
      checkpointTimer.scheduleWithFixedDelay(() -> publishQuietly(checkpoints), 1, 1, TimeUnit.SECONDS);
      AuditTrail trail = new AuditTrail(audit, clock, metrics.calls());
      PseudonymFormat format = new PseudonymFormat(new HashSet<>(config.pseudonyms().acceptedKids()));
      var limits = config.limits();
      LookupService lookups = new LookupService(index, trail, keyer, format, agencies, clock,
          limits.maxSubjectsPerLookup(), limits.maxAliasesPerSubject(), config.lookup().signalThreshold(),
          lookupLimiter(config, clock));
      RegistrationService registrations = new RegistrationService(index, trail, keyer, format, agencies, clock,
          limits.maxRegistrationsPerRequest(), limits.maxRemovalsPerRequest(), limits.maxReplaceLines());
      AuditReadService auditReads = new AuditReadService(trail, audit,
          checkpoints.directory().resolve(CheckpointPublisher.LATEST));
      AnomalyReportService anomalies = new AnomalyReportService(trail, audit, anomalyRules(config.audit().anomalies()));
      String url = (tls == null ? "http://" : "https://") + config.server().host() + ":" + config.server().port();
      HttpApi.Dependencies deps = new HttpApi.Dependencies(
          authenticator(config, url, random), lookups, registrations, agencies, auditReads,
          anomalies,
          readiness,
          new HttpApi.BodyLimits(limits.maxJsonBodyBytes(), limits.bodySeconds() * 1000L,
              limits.maxReplaceBodyBytes(), limits.replaceSeconds() * 1000L),
          new AuditSearchService(trail, audit, keyer, format, checkpoints.directory().resolve(CheckpointPublisher.LATEST),
              clock),
          new BackupService(trail, target -> snapshot(index, audit, dataDir, target, clock),
              Path.of(config.storage().backupDir()), clock),
          requestLog);

      int instances = config.server().port() == 0 ? 1 : config.workers().eventLoops();
      List<HttpApiVerticle> verticles = new ArrayList<>();
      vertx.deployVerticle(() -> {
            HttpApiVerticle v = new HttpApiVerticle(config.server().host(), config.server().port(), tls, deps,
                WORKER_POOL, config.workers().indexWorkers());
            synchronized (verticles) {
              verticles.add(v);
            }
            return v;
          }, new DeploymentOptions().setInstances(instances))
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      int port = verticles.get(0).actualPort();
      schedulePurge(vertx, index, clock);
      ManagementServer management = null;
      if (config.management().enabled()) {
        management = ManagementServer.start(vertx, metrics, readiness::failedChecks, config.management().host(),
            config.management().port()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
      readiness.started();
      HitService service = new HitService(vertx, index, audit, checkpoints, checkpointTimer, retentionTimer, retention,
          port, verticles, readiness, requestLog, requestLines, Duration.ofSeconds(config.server().drainSeconds()),
          Duration.ofNanos(System.nanoTime() - startNanos));
      service.metrics = metrics;
      service.dataDir = dataDir;
      service.clock = clock;
      service.managementServer = management;
      service.managementPort = management == null ? -1 : management.port();
      return service;
    } catch (Exception e) {
      vertx.close();
      metrics.close();
      if (requestLines != null) {
        requestLines.close();
      }
      checkpointTimer.shutdownNow();
      retentionTimer.shutdownNow();
      audit.close();
      index.close();
      throw new IllegalStateException("hit-service could not start: " + e.getMessage(), e);
    }
  }

  private static void publishQuietly(CheckpointPublisher checkpoints) {
    try {
      checkpoints.publishIfGrown();
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "publishing an audit checkpoint failed (retrying in a second): " + e.getMessage(), e);
    }
  }

  /** The anomaly report's rules from their (validated) configuration. */
  private static AnomalyRules anomalyRules(AnomalyConfig c) {
    return new AnomalyRules(ZoneId.of(c.officeHours().timeZone()),
        c.officeHours().workingDays().stream().map(DayOfWeek::valueOf).collect(Collectors.toSet()),
        LocalTime.parse(c.officeHours().start()), LocalTime.parse(c.officeHours().end()), c.baselineDays(),
        c.volumeFactor(), c.minimumVolume(), c.repeatThreshold(), Duration.ofDays(c.maxPeriodDays()));
  }

  /**
   * Audit retention at start and then hourly, on the "audit-retention" thread; {@code months} 0
   * keeps everything (and so does an injected log that is not a {@link FileAuditLog}).
   */
  private static RetentionJob scheduleRetention(ScheduledExecutorService timer, AuditLog audit,
      CheckpointPublisher checkpoints, Clock clock, int months) {
    if (months <= 0 || !(audit instanceof FileAuditLog log)) {
      return null;
    }
    RetentionJob job = new RetentionJob(log, checkpoints, clock, months);
    timer.scheduleWithFixedDelay(() -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, e.getMessage(), e);
      }
    }, 0, 1, TimeUnit.HOURS);
    return job;
  }

  private static void schedulePurge(Vertx vertx, HitIndex index, Clock clock) {
    long hour = TimeUnit.HOURS.toMillis(1);
    vertx.setPeriodic(TimeUnit.SECONDS.toMillis(5), hour, id -> index.purgeExpired(LocalDate.now(clock))
        .whenComplete((n, e) -> {
          if (e != null) {
            LOG.log(Level.WARNING, "purging expired registrations failed: " + e.getMessage());
          } else if (n > 0) {
            LOG.log(Level.INFO, "purged " + n + " expired registrations");
          }
        }));
  }

  static AgencyRegister agencyRegister(HitServiceConfig config) {
    List<Agency> agencies = new ArrayList<>();
    for (AgencyConfig a : config.agencies()) {
      RetentionConfig r = a.retention() != null ? a.retention() : config.retention();
      agencies.add(new Agency(a.code(), a.name(), a.domain(), a.protectedSource(), a.protectedClearance(),
          a.requireRelation(), r.defaultMonths(), r.maxMonths(), a.mayQuery(), Set.copyOf(a.visibleDomains())));
    }
    return new AgencyRegister(agencies);
  }

  private static LookupLimiter lookupLimiter(HitServiceConfig config, Clock clock) {
    LookupLimitsConfig defaults = config.limits().lookups();
    Map<String, LookupLimitsConfig> perClient = new HashMap<>();
    for (ClientConfig c : config.clients()) {
      if (c.lookupLimits() != null) {
        perClient.put(c.id(), c.lookupLimits().orElse(defaults));
      }
    }
    return new LookupLimiter(clock, ZoneId.of(config.limits().quotaZone()), defaults, perClient);
  }

  /** The server's TLS from its (validated) configuration; throws when a file cannot be used. */
  private static ServerTls serverTls(TlsConfig c, Clock clock) {
    char[] password = c.keyStorePasswordEnv() != null
        ? KeyStorePassword.fromEnvironment(c.keyStorePasswordEnv(), System::getenv)
        : KeyStorePassword.fromFile(Path.of(c.keyStorePasswordFile()));
    X509KeyManager keys = ServerKeyStore.load(Path.of(c.keyStoreFile()), password, clock);
    X509TrustManager trust = c.clientCertificateRequired()
        ? ClientCertificateTrust.load(Path.of(c.trustedCaFile()), c.crlFile() == null ? null : Path.of(c.crlFile()), clock)
        : null;
    return new ServerTls(keys, trust, new LinkedHashSet<>(c.protocols()));
  }

  /**
   * Who may authenticate how: under mutual TLS a mapped client certificate first, then (when
   * {@code server.bearerTokens} is on) a bearer token; without it, bearer tokens only.
   */
  private static Authenticator authenticator(HitServiceConfig config, String url, SecureRandom random) {
    Authenticator tokens = config.server().bearerTokensEnabled()
        ? new BearerTokenAuthenticator(principals(config, url, random))
        : null;
    if (config.server().tls() == null || !config.server().tls().clientCertificateRequired()) {
      if (tokens == null) {
        throw new IllegalStateException("no client could authenticate: bearer tokens are off and client certificates are not required");
      }
      return tokens;
    }
    Map<X500Principal, Principal> bySubject = new HashMap<>();
    for (ClientConfig c : config.clients()) {
      if (c.certificateSubject() != null) {
        bySubject.put(DistinguishedNames.parse(c.certificateSubject()), principal(c));
      }
    }
    return new CertificateFirstAuthenticator(new CertificateAuthenticator(bySubject), tokens);
  }

  private static Principal principal(ClientConfig c) {
    return new Principal(c.id(), c.agency(), c.roles().stream().map(Role::fromWireName).collect(Collectors.toSet()),
        new HashSet<>(c.purposes()));
  }

  private static Map<String, Principal> principals(HitServiceConfig config, String url, SecureRandom random) {
    Map<String, String> demoHashes = Map.of();
    if (config.demo().enabled()) {
      List<DemoCredentials.DemoClient> demoClients = config.clients().stream()
          .filter(c -> c.tokenSha256() == null && c.certificateSubject() == null)
          .map(c -> new DemoCredentials.DemoClient(c.id(), c.agency(), c.roles()))
          .toList();
      if (!demoClients.isEmpty()) {
        demoHashes = DemoCredentials.issue(Path.of(config.demo().credentialsFile()), url, demoClients, random);
      }
    }
    Map<String, Principal> byHash = new HashMap<>();
    for (ClientConfig c : config.clients()) {
      String hash = c.tokenSha256() != null ? c.tokenSha256() : demoHashes.get(c.id());
      if (hash != null) {
        byHash.put(hash, principal(c));
      }
    }
    return byHash;
  }

  /** The port the management server ({@code GET /metrics}) listens on, or -1 when it is disabled. */
  public int managementPort() {
    return managementPort;
  }

  /** The port the API listens on. */
  public int port() {
    return port;
  }

  public HitIndex index() {
    return index;
  }

  public AuditLog auditLog() {
    return audit;
  }

  /** The audit retention job (also run hourly on its own thread), unless entries are kept forever. */
  public Optional<RetentionJob> retentionJob() {
    return Optional.ofNullable(retention);
  }

  /**
   * Takes an online, consistent backup of the index and the audit log into {@code target} (which
   * must not exist) while the service keeps serving: a RocksDB checkpoint of the index first, then
   * the audit log up to its durable size T, its signed checkpoints up to T, and a manifest with
   * SHA-256 checksums ({@link Backups#create}). Every write acknowledged before the call is in it;
   * its audit log may hold entries of writes the index snapshot does not have yet, never the
   * reverse. Key files are never included.
   *
   * @throws IOException if the backup cannot be written (the target then has no manifest)
   * @throws UnsupportedOperationException if the service runs on another index or audit log
   *     implementation than RocksDB and {@link FileAuditLog} (fault-injection tests)
   */
  public BackupManifest backup(Path target) throws IOException {
    return backup(index, audit, dataDir, target, clock);
  }

  private static BackupManifest backup(HitIndex index, AuditLog audit, Path dataDir, Path target, Clock clock)
      throws IOException {
    if (!(index instanceof RocksDbHitIndex rocks) || !(audit instanceof FileAuditLog log)) {
      throw new UnsupportedOperationException("backup needs the RocksDB index and the file audit log");
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    return Backups.create(rocks, log, dataDir.resolve("audit"), target, clock);
  }

  private static BackupService.Taken snapshot(HitIndex index, AuditLog audit, Path dataDir, Path target, Clock clock)
      throws IOException {
    BackupManifest manifest = backup(index, audit, dataDir, target, clock);
    return new BackupService.Taken(target.getFileName().toString(), manifest.auditTreeSize(), manifest.files().size());
  }

  /** Signs and stores the audit log's checkpoints. */
  public CheckpointPublisher checkpoints() {
    return checkpoints;
  }

  /** RocksDB's figures about the index (empty when it runs on another index implementation). */
  public Optional<nl.hitmachine.service.index.IndexStatistics> indexStatistics() {
    return index instanceof RocksDbHitIndex rocks ? rocks.statistics() : Optional.empty();
  }

  /** Readiness of this service (the checks behind {@code GET /health/ready}). */
  public Readiness readiness() {
    return readiness;
  }

  /** From the start of {@link #start} until the API and management ports were listening. */
  public Duration startDuration() {
    return startDuration;
  }

  /** Stops as {@link #shutdown} describes; the reason is {@code close}. */
  @Override
  public void close() {
    shutdown("close");
  }

  /**
   * Stops in the order of the class comment: not ready, drain the API (at most {@code
   * server.drainSeconds}), stop Vert.x, the timers, flush and close the audit log, sign a final
   * checkpoint, close RocksDB. Idempotent: a second call returns the first call's result.
   */
  public synchronized Shutdown shutdown(String reason) {
    if (shutdown != null) {
      return shutdown;
    }
    long startNanos = System.nanoTime();
    readiness.shuttingDown();
    int inFlight = requestLog.inFlight();
    int leftOver = inFlight;
    long finalCheckpoint = -1;
    try {
      Future.join(verticles.stream().map(v -> v.shutdown(drain)).toList())
          .toCompletionStage().toCompletableFuture().get(drain.toSeconds() + 10, TimeUnit.SECONDS);
      leftOver = requestLog.inFlight();
      if (managementServer != null) {
        managementServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "stopping the HTTP servers did not finish cleanly: " + e.getMessage());
    } finally {
      checkpointTimer.shutdown();
      retentionTimer.shutdown();
      try {
        if (!checkpointTimer.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "the audit checkpoint timer did not stop in time");
        }
        if (!retentionTimer.awaitTermination(10, TimeUnit.SECONDS)) {
          LOG.log(Level.WARNING, "the audit retention job did not stop in time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      audit.close();
      publishQuietly(checkpoints); // final checkpoint covering every flushed entry
      long size = audit.treeHead().size();
      if (size == 0 || checkpoints.publishedSize() == size) {
        finalCheckpoint = size;
      }
      index.close();
      if (metrics != null) {
        metrics.close();
      }
      if (requestLines != null) {
        requestLines.close();
      }
    }
    shutdown = new Shutdown(reason, inFlight, Math.max(0, inFlight - leftOver), finalCheckpoint,
        Duration.ofNanos(System.nanoTime() - startNanos));
    return shutdown;
  }
}
