package nl.hitmachine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code preload}: fills the index with subjects {@code [0, count)} of the synthetic population,
 * each registered by every one of {@code --clients} (by default the coordinator, whose queriers
 * need a legitimate relation, and the regieteam, so that a registered subject is <em>known</em> to
 * another agency), in 10 000-item batches with several in flight: {@code count × clients}
 * registrations. A lookup run with the same {@code --seed}, {@code
 * --kid} and {@code --population count} then hits them at {@code --hit-rate}.
 */
@Command(
    name = "preload",
    mixinStandardHelpOptions = true,
    description = {
      "Registers subjects 0 … count-1 of the synthetic population (see run --population) for each of --clients with "
          + "POST /v1/registrations, in batches with --connections in flight, and reports the rate (count × clients registrations). "
          + "Idempotent: a second preload upserts the same subjects."
    })
final class PreloadCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServiceOptions service;

  @Option(names = "--count", required = true, description = "how many subjects (each registered once per client)")
  long count;

  @Option(names = "--clients", split = ",", defaultValue = "vh-coordinator,regieteam-connector",
      description = "connector client ids; each one's agency registers every subject (default: ${DEFAULT-VALUE})")
  List<String> clients;

  @Option(names = "--batch", defaultValue = "10000", description = "registrations per request (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--connections", defaultValue = "4", description = "batches in flight (default: ${DEFAULT-VALUE})")
  int connections;

  @CommandLine.Mixin PopulationOptions populationOptions;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "120s",
      description = "per-request timeout (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--format", defaultValue = "text", description = "text | json (default: ${DEFAULT-VALUE})")
  RunCommand.Format format;

  @Override
  public Integer call() throws Exception {
    if (count < 1 || batch < 1 || batch > 10_000 || connections < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count and --connections must be at least 1, --batch 1–10000");
    }
    PrintStream err = System.err;
    List<ServiceOptions.Connection> targets = new java.util.ArrayList<>();
    try {
      for (String client : clients) {
        targets.add(service.connect(client));
      }
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    RegistrationBatches source = new RegistrationBatches(populationOptions.population(), 0, batch);
    long batches = (count + batch - 1) / batch;
    if (batches > Integer.MAX_VALUE) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count is too large");
    }
    List<RunResult> results = new java.util.ArrayList<>();
    List<Long> registered = new java.util.ArrayList<>();
    for (int c = 0; c < clients.size(); c++) {
      RunResult r = preload(targets.get(c), clients.get(c), source, batches, err);
      results.add(r);
      registered.add(r.failures() == 0 ? count : r.ok() * batch);
    }
    BulkReport.Setup setup = new BulkReport.Setup(targets.get(0).base().toString(), "preload", batch, connections);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == RunCommand.Format.json ? BulkReport.json(setup, results, registered)
        : BulkReport.text(setup, results, registered));
    out.flush();
    long failures = results.stream().mapToLong(RunResult::failures).sum();
    if (failures > 0) {
      err.printf("error: %d batch(es) failed: the index does not hold the whole population%n", failures);
      return results.stream().mapToLong(RunResult::ok).sum() == 0 ? HitmachineBench.NO_SUCCESS : 1;
    }
    return 0;
  }

  private RunResult preload(ServiceOptions.Connection connection, String client, RegistrationBatches source, long batches,
      PrintStream err) throws InterruptedException {
    AtomicLong built = new AtomicLong();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "preload-progress");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    progress.scheduleAtFixedRate(() -> err.printf(Locale.ROOT, "preload %s: %d of %d batches sent after %.0f s%n",
        client, built.get(), batches, (System.nanoTime() - start) / 1e9), 10, 10, TimeUnit.SECONDS);
    try (PostTarget target = new PostTarget(connection, "/v1/registrations", b -> {
      built.incrementAndGet();
      return source.body(b, count);
    }, timeout)) {
      err.printf("preloading %d registrations as %s in %d batch(es) ...%n", count, client, batches);
      return new ClosedLoopRunner(target, Ticker.SYSTEM, connections, timeout).run((int) batches, 0);
    } finally {
      progress.shutdownNow();
    }
  }
}
