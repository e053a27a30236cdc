package nl.hitmachine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.PseudonymKeyRing;
import nl.hitmachine.connector.Pseudonymiser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: warm up, then the same open-model run {@code --runs} times, then a summary. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Sends POST /v1/lookups at a constant arrival rate: request i is due at start + i/rate, whether or not "
          + "earlier ones were answered. Latency is measured from that intended time (as wrk2 does), so a stall "
          + "shows up in every request that was due during it.",
      "Subjects are random valid BSNs pseudonymised with the demo key: synthetic, and almost all unknown to the index."
    })
final class RunCommand implements Callable<Integer> {
  enum Scenario { single, household, liveness }

  enum Format { text, json }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServiceOptions service;

  @Option(names = "--client", description = "client id in the credentials file (default: ${DEFAULT-VALUE})",
      defaultValue = "loadtest")
  String client;

  @Option(names = "--key-dir", description = "pseudonym key directory for random BSN subjects (default: ${DEFAULT-VALUE}); not used with --population",
      defaultValue = "hitmachine-demo/connector-keys")
  Path keyDir;

  @Option(names = "--population", defaultValue = "0",
      description = "subjects come from the synthetic population that `preload` registered: this many (with --seed and --kid as there); 0 = random BSNs pseudonymised with --key-dir (default: ${DEFAULT-VALUE})")
  long population;

  @Option(names = "--hit-rate", defaultValue = "0",
      description = "with --population: fraction of looked-up subjects that are registered, 0–1 (default: ${DEFAULT-VALUE})")
  double hitRate;

  @Option(names = "--kid", defaultValue = "demo1", description = "with --population: key id of the synthetic pseudonyms (default: ${DEFAULT-VALUE})")
  String kid;

  @Option(names = "--scenario", description = "single | household | liveness (GET /health/live) (default: ${DEFAULT-VALUE})", defaultValue = "single")
  Scenario scenario;

  @Option(names = "--households", description = "household scenario: households per request, 1–8 members each (default: ${DEFAULT-VALUE}; a full screening list is 145)",
      defaultValue = "1")
  int households;

  @Option(names = "--replace-caseload", defaultValue = "0",
      description = "the mixed scenario: meanwhile a connector replaces its whole caseload of this many subjects in a loop (default: ${DEFAULT-VALUE} = none)")
  long replaceCaseload;

  @Option(names = "--replace-client", defaultValue = "woningcorporatie-connector",
      description = "with --replace-caseload: the connector client (default: ${DEFAULT-VALUE})")
  String replaceClient;

  @Option(names = "--rate", required = true, description = "target requests per second (constant arrival rate)")
  double rate;

  @Option(names = "--duration", converter = DurationConverter.class, defaultValue = "30s",
      description = "length of each measured run (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(names = "--warmup", converter = DurationConverter.class, defaultValue = "10s",
      description = "warm-up at the same rate before the first run, not measured (default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(names = "--runs", defaultValue = "3", description = "measured runs (default: ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--connections", defaultValue = "64",
      description = "at most this many requests in flight, hence HTTP/1.1 connections (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--generator", defaultValue = "auto",
      description = "what sends: loop (wrk2-like, all work on Netty event loops; http and https), vertx (a Vert.x"
          + " HttpClient pool fed from a sender thread; plain HTTP only), jdk (java.net.http from a sender thread),"
          + " auto = loop (default: ${DEFAULT-VALUE})")
  String generator;

  @Option(names = "--generator-threads", defaultValue = "1",
      description = "loop generator: event loops; the connections and the schedule are split evenly over them (default: ${DEFAULT-VALUE})")
  int generatorThreads;

  @Option(names = "--generator-transport", defaultValue = "auto",
      description = "loop generator: Netty transport, epoll (µs timers) or nio (ms timers); auto = epoll where it loads (default: ${DEFAULT-VALUE})")
  String generatorTransport;

  @Option(names = "--http-clients", defaultValue = "1",
      description = "JDK HTTP clients the requests are spread over (each has one selector thread) (default: ${DEFAULT-VALUE})")
  int httpClients;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "10s",
      description = "per-request timeout; also how long a run waits for its last answers (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--distinct", defaultValue = "2048",
      description = "distinct request bodies, built before the clock starts and sent in turn (default: ${DEFAULT-VALUE})")
  int distinct;

  @Option(names = "--seed", defaultValue = "1", description = "seed for the synthetic subjects (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--format", defaultValue = "text", description = "text | json (default: ${DEFAULT-VALUE})")
  Format format;

  @Option(names = "--hdr-out", description = "directory for each run's histogram: run-N.hlog (HdrHistogram log, µs) and run-N.hgrm (percentiles, ms)")
  Path hdrOut;

  @Override
  public Integer call() throws Exception {
    validate();
    PrintStream err = System.err;
    ServiceOptions.Connection connection;
    java.util.function.Supplier<String> subjects = null;
    Random random = new Random(seed);
    try {
      connection = service.connect(client);
      if (scenario == Scenario.liveness) {
        subjects = null;
      } else if (population > 0) {
        subjects = new Population(kid, seed).sampler(population, hitRate, new java.util.SplittableRandom(seed ^ 0x5DEECE66DL));
      } else {
        subjects = Workload.bsnSubjects(Pseudonymiser.of(PseudonymKeyRing.load(keyDir)), random);
      }
      if (hdrOut != null) {
        Files.createDirectories(hdrOut);
      }
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    URI baseUri = connection.base();

    Workload workload = switch (scenario) {
      case single -> Workload.single(subjects, distinct);
      case household -> Workload.household(subjects, random, distinct, households);
      case liveness -> Workload.liveness();
    };
    ReplaceLoop replaces = null;
    if (replaceCaseload > 0) {
      try {
        replaces = new ReplaceLoop(service.connect(replaceClient).sdkClient(Duration.ofHours(1)),
            new Caseloads(new Population(kid, seed), Caseloads.REPLACE_BASE + (1L << 45), replaceCaseload));
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        return HitmachineBench.IO;
      }
    }
    String scenarioName = replaces == null ? workload.scenario() : "mixed (" + workload.scenario() + " + replace " + replaceCaseload + ")";
    List<RunResult> results = new ArrayList<>();
    Report.Setup setup = null;
    ReplaceLoop.Stats replaceStats = null;
    if (replaces != null) {
      err.printf("starting the caseload replace loop (%d subjects) ...%n", replaceCaseload);
      replaces.start();
    }
    try (Generator runner = generator(connection, workload)) {
      setup = new Report.Setup(baseUri.toString(), scenarioName, rate, duration.toMillis() / 1000.0,
          warmup.toMillis() / 1000.0, connections, workload.meanSubjectsPerRequest(), runner.description());
      err.println("generator: " + runner.description());
      long index = 0;
      if (!warmup.isZero()) {
        Schedule warm = new Schedule(rate, warmup);
        err.printf("warming up for %d ms ...%n", warmup.toMillis());
        RunResult w = runner.run(warm, index);
        index += warm.requests();
        err.printf(java.util.Locale.ROOT, "warm-up: %.1f req/s, %d errors%n", w.achievedRate(), w.failures());
      }
      for (int run = 1; run <= runs; run++) {
        Schedule schedule = new Schedule(rate, duration);
        err.printf("run %d of %d ...%n", run, runs);
        long startMillis = System.currentTimeMillis();
        RunResult r = runner.run(schedule, index);
        index += schedule.requests();
        results.add(r);
        if (hdrOut != null) {
          writeHistogram(r, run, startMillis);
        }
      }
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    } finally {
      if (replaces != null) {
        err.println("waiting for the replace in progress ...");
        replaceStats = replaces.stop();
        replaces.close();
        if (replaceStats.failed() > 0) {
          err.println("warning: " + replaceStats.failed() + " replace(s) failed, last: " + replaces.lastError());
        }
      }
    }

    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? Report.json(setup, results, replaceStats) : Report.text(setup, results, replaceStats));
    out.flush();
    long failures = results.stream().mapToLong(RunResult::failures).sum();
    long ok = results.stream().mapToLong(RunResult::ok).sum();
    if (ok == 0) {
      err.println("error: no request was answered with 2xx; is the service running and the token valid?");
      return HitmachineBench.NO_SUCCESS;
    }
    long lateSends = results.stream().mapToLong(RunResult::lateSends).sum();
    long sent = results.stream().mapToLong(RunResult::scheduled).sum();
    if (lateSends * 100 > sent) {
      err.printf("warning: %d of %d requests were sent over 1 ms late (in-flight cap reached or generator behind):"
          + " raise --connections or lower --rate to measure the service rather than the generator%n", lateSends, sent);
    }
    if (replaceStats != null && replaceStats.completed() == 0) {
      err.println("error: no caseload replace completed during the mixed run");
      return HitmachineBench.NO_SUCCESS;
    }
    if (failures > 0) {
      err.printf("warning: %d request(s) failed; the latencies include their answers%n", failures);
    }
    return 0;
  }

  private void validate() {
    CommandLine cl = spec.commandLine();
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new CommandLine.ParameterException(cl, "--rate must be a positive number");
    }
    if (duration.isZero()) {
      throw new CommandLine.ParameterException(cl, "--duration must be positive");
    }
    if (runs < 1 || connections < 1 || distinct < 1) {
      throw new CommandLine.ParameterException(cl, "--runs, --connections and --distinct must be at least 1");
    }
    if (!java.util.Set.of("loop", "vertx", "jdk", "auto").contains(generator)) {
      throw new CommandLine.ParameterException(cl, "--generator must be loop, vertx, jdk or auto, not " + generator);
    }
    if (generatorThreads < 1 || generatorThreads > connections) {
      throw new CommandLine.ParameterException(cl, "--generator-threads must be 1 to --connections");
    }
    if (!java.util.Set.of("auto", "epoll", "nio").contains(generatorTransport)) {
      throw new CommandLine.ParameterException(cl, "--generator-transport must be auto, epoll or nio");
    }
    if (households < 1 || households * Workload.MAX_HOUSEHOLD_MEMBERS > 10_000) {
      throw new CommandLine.ParameterException(cl, "--households must be 1 to 1250");
    }
    if (hitRate < 0 || hitRate > 1 || (hitRate > 0 && population < 1)) {
      throw new CommandLine.ParameterException(cl, "--hit-rate must be 0 to 1, and above 0 only with --population");
    }
    if (new Schedule(rate, duration).requests() > Integer.MAX_VALUE) {
      throw new CommandLine.ParameterException(cl, "--rate × --duration is too many requests for one run");
    }
  }

  private void writeHistogram(RunResult r, int run, long startMillis) throws IOException {
    try {
      Histograms.write(hdrOut, "run-" + run, "hitmachine-bench run " + run + ": latency from intended send time, microseconds",
          r, startMillis);
    } catch (IOException e) {
      throw new IOException("cannot write histograms: " + e.getMessage(), e);
    }
  }

  private Generator generator(ServiceOptions.Connection connection, Workload workload)
      throws IOException, InterruptedException {
    return switch (generator) {
      case "loop", "auto" -> new LoopGenerator(connection, workload, timeout, connections, generatorThreads,
          LoopTransport.choose(generatorTransport));
      case "vertx" -> Generator.threaded("vertx", new VertxTarget(connection, workload, timeout, connections),
          connections, timeout);
      case "jdk" -> Generator.threaded(httpClients == 1 ? "jdk" : "jdk (" + httpClients + " clients)",
          new HttpTarget(connection, workload, timeout, httpClients), connections, timeout);
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--generator must be loop, vertx, jdk or auto, not " + generator);
    };
  }

}
