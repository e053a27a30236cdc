package nl.hitmachine.service;

import static nl.hitmachine.service.TestService.COORDINATOR;
import static nl.hitmachine.service.TestService.LEERPLICHT;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hitmachine.service.auth.BearerTokenAuthenticator;

/**
 * hit-service as a child JVM ({@link HitServiceMain} on the test class path) with a configuration
 * file of its own in {@code dir}: API and management port 0, data and keys under {@code dir}, two
 * agencies (veiligheidshuis: coordinator querier and connector with {@link TestService#COORDINATOR};
 * leerplicht: connector with {@link TestService#LEERPLICHT}), kid {@code t1}, no lookup limits a
 * test reaches. Its standard output goes to {@code dir/stdout.txt} ({@link #stdout()}), standard
 * error to {@code dir/stderr.txt} (files, not pipes: {@link Process#destroy()} closes the pipes at
 * once, which would lose what the child prints while it stops). {@link #close()} kills it if it still runs.
 */
public final class ServiceProcess implements AutoCloseable {
  private static final Pattern STARTED =
      Pattern.compile("^hit-service started: .* api=http://127\\.0\\.0\\.1:(\\d+) management=http://127\\.0\\.0\\.1:(\\d+)/metrics .*");

  public final Path dir;
  public final Path configFile;
  public final Process process;
  public final int port;
  public final int managementPort;
  private ServiceProcess(Path dir, Path configFile, Process process, int port, int managementPort) {
    this.dir = dir;
    this.configFile = configFile;
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
  }

  /**
   * Writes the configuration (plus {@code extraYaml}: more top-level sections, e.g. {@code
   * "logging:\n  format: json\n"}) and starts the child; returns once it printed its start-up line.
   */
  public static ServiceProcess start(Path dir, String extraYaml) throws Exception {
    Files.createDirectories(dir);
    Path config = dir.resolve("hitmachine.yaml");
    Files.writeString(config, config(dir) + extraYaml);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
            "-cp", System.getProperty("java.class.path"), HitServiceMain.class.getName(), "--config", config.toString())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    Path out = dir.resolve("stdout.txt");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      for (String line : lines(out)) {
        Matcher m = STARTED.matcher(line);
        if (m.matches()) {
          return new ServiceProcess(dir, config, process, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
      }
      if (System.nanoTime() > deadline || !process.isAlive()) {
        process.destroyForcibly();
        throw new AssertionError("hit-service did not start; stdout: " + lines(out) + "; stderr: "
            + Files.readString(dir.resolve("stderr.txt")));
      }
      Thread.sleep(100);
    }
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static String config(Path dir) {
    String d = dir.toAbsolutePath().toString();
    return """
        server: {host: 127.0.0.1, port: 0}
        management: {host: 127.0.0.1, port: 0}
        storage: {dataDir: "%1$s/data", backupDir: "%1$s/backups"}
        keys: {indexKeyFile: "%1$s/keys/index.key", auditKeyFile: "%1$s/keys/audit.key", generateIfMissing: true}
        audit: {origin: test.hitmachine/audit, checkpointKeyFile: "%1$s/keys/checkpoint.key", checkpointVerifierFile: "%1$s/keys/checkpoint.pub"}
        pseudonyms: {acceptedKids: [t1]}
        workers: {eventLoops: 2, indexWorkers: 4}
        limits: {lookups: {subjectsPerSecond: 100000000, burstSubjects: 100000000, subjectsPerDay: 2000000000}}
        purposes:
          - {code: screening, description: Screening}
        agencies:
          - {code: veiligheidshuis, name: Veiligheidshuis, domain: veiligheid, protectedClearance: true}
          - {code: leerplicht, name: Leerplicht, domain: onderwijs}
        clients:
          - {id: vh-coordinator, agency: veiligheidshuis, roles: [querier, connector], purposes: [screening], tokenSha256: %2$s}
          - {id: leerplicht-connector, agency: leerplicht, roles: [connector], tokenSha256: %3$s}
        """.formatted(d, BearerTokenAuthenticator.sha256Hex(COORDINATOR), BearerTokenAuthenticator.sha256Hex(LEERPLICHT));
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** The lines the child printed so far (its standard output goes to {@code dir/stdout.txt}). */
  public List<String> stdout() throws IOException {
    return lines(dir.resolve("stdout.txt"));
  }

  /** Waits for the child to exit (after {@link Process#destroy()}: SIGTERM) and returns its exit code. */
  public int waitForExit(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("hit-service did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
