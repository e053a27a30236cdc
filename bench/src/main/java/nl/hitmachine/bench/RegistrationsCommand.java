package nl.hitmachine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code registrations}: POST /v1/registrations in batches (default 10 000 items, the API's
 * maximum) of fresh synthetic subjects, {@code --connections} batches in flight; reports
 * registrations/s (each 2xx is durable) per run and the median over runs.
 */
@Command(
    name = "registrations",
    mixinStandardHelpOptions = true,
    description = {
      "Registers fresh synthetic subjects with POST /v1/registrations in batches, --connections batches in flight "
          + "(a closed loop: the next batch goes out when one is answered, as a connector pushing a caseload does).",
      "The bodies of a run are built before its clock starts. Each run registers subjects never registered before."
    })
final class RegistrationsCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServiceOptions service;

  @Option(names = "--client", defaultValue = "schuldhulp-connector",
      description = "connector client id in the credentials file (default: ${DEFAULT-VALUE})")
  String client;

  @Option(names = "--batch", defaultValue = "10000", description = "registrations per request, 1–10000 (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--batches", defaultValue = "20", description = "requests per run (default: ${DEFAULT-VALUE})")
  int batches;

  @Option(names = "--connections", defaultValue = "4", description = "batches in flight (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--warmup-batches", defaultValue = "4", description = "batches sent before the first run, not measured (default: ${DEFAULT-VALUE})")
  int warmupBatches;

  @Option(names = "--runs", defaultValue = "3", description = "measured runs (default: ${DEFAULT-VALUE})")
  int runs;

  @CommandLine.Mixin PopulationOptions populationOptions;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "60s",
      description = "per-request timeout (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--format", defaultValue = "text", description = "text | json (default: ${DEFAULT-VALUE})")
  RunCommand.Format format;

  @Option(names = "--hdr-out", description = "directory for each run's batch-latency histogram: run-N.hlog and run-N.hgrm")
  Path hdrOut;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || batch > 10_000 || batches < 1 || connections < 1 || runs < 1 || warmupBatches < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--batch must be 1–10000; --batches, --connections and --runs at least 1");
    }
    PrintStream err = System.err;
    ServiceOptions.Connection connection;
    try {
      connection = service.connect(client);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    RegistrationBatches source = new RegistrationBatches(populationOptions.population(), Population.FRESH_BASE, batch);
    List<RunResult> results = new ArrayList<>();
    List<Long> items = new ArrayList<>();
    long next = 0;
    try {
      if (warmupBatches > 0) {
        err.printf("warming up with %d batch(es) ...%n", warmupBatches);
        RunResult w = runOnce(connection, source, next, warmupBatches);
        next += warmupBatches;
        err.printf("warm-up: %d errors%n", w.failures());
      }
      for (int run = 1; run <= runs; run++) {
        err.printf("run %d of %d: building %d batch(es) ...%n", run, runs, batches);
        long startMillis = System.currentTimeMillis();
        RunResult r = runOnce(connection, source, next, batches);
        next += batches;
        results.add(r);
        items.add(r.ok() * batch);
        if (hdrOut != null) {
          Histograms.write(hdrOut, "run-" + run, "hitmachine-bench registrations run " + run
              + ": latency of one batch, send to answer, microseconds", r, startMillis);
        }
      }
    } catch (IOException e) {
      err.println("error: cannot write histograms: " + e.getMessage());
      return HitmachineBench.IO;
    }
    BulkReport.Setup setup = new BulkReport.Setup(connection.base().toString(), "registrations", batch, connections);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == RunCommand.Format.json ? BulkReport.json(setup, results, items) : BulkReport.text(setup, results, items));
    out.flush();
    if (results.stream().mapToLong(RunResult::ok).sum() == 0) {
      err.println("error: no batch was answered with 2xx; is the service running and the client a connector?");
      return HitmachineBench.NO_SUCCESS;
    }
    long failures = results.stream().mapToLong(RunResult::failures).sum();
    if (failures > 0) {
      err.printf("warning: %d batch(es) failed; they are not counted as registrations%n", failures);
    }
    return 0;
  }

  /** Builds the bodies of batches {@code first … first + count - 1}, then sends them. */
  private RunResult runOnce(ServiceOptions.Connection connection, RegistrationBatches source, long first, int count)
      throws InterruptedException {
    byte[][] bodies = new byte[count][];
    for (int i = 0; i < count; i++) {
      bodies[i] = source.body(first + i);
    }
    try (PostTarget target = new PostTarget(connection, "/v1/registrations", i -> bodies[(int) (i - first)], timeout)) {
      return new ClosedLoopRunner(target, Ticker.SYSTEM, connections, timeout).run(count, first);
    }
  }
}
