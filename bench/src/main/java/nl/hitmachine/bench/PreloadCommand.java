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
 * {@code preload}: fills the index with subjects {@code [0, count)} of the synthetic population
 * (registered by one agency, by default the coordinator's, so that its queriers may see them),
 * in 10 000-item batches with several in flight. A lookup run with the same {@code --seed}, {@code
 * --kid} and {@code --population count} then hits them at {@code --hit-rate}.
 */
@Command(
    name = "preload",
    mixinStandardHelpOptions = true,
    description = {
      "Registers subjects 0 … count-1 of the synthetic population (see run --population) with POST /v1/registrations, "
          + "in batches with --connections in flight, and reports the rate. Idempotent: a second preload upserts the same subjects."
    })
final class PreloadCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServiceOptions service;

  @Option(names = "--count", required = true, description = "how many registrations (e.g. 100000 or 10000000)")
  long count;

  @Option(names = "--client", defaultValue = "vh-coordinator",
      description = "connector client id; its agency registers the subjects (default: ${DEFAULT-VALUE}, whose queriers need a legitimate relation)")
  String client;

  @Option(names = "--batch", defaultValue = "10000", description = "registrations per request (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--connections", defaultValue = "4", description = "batches in flight (default: ${DEFAULT-VALUE})")
  int connections;

  @Option(names = "--seed", defaultValue = "1", description = "population seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--kid", defaultValue = "demo1", description = "key id of the synthetic pseudonyms (default: ${DEFAULT-VALUE})")
  String kid;

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
    ServiceOptions.Connection connection;
    try {
      connection = service.connect(client);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    RegistrationBatches source = new RegistrationBatches(new Population(kid, seed), 0, batch);
    long batches = (count + batch - 1) / batch;
    if (batches > Integer.MAX_VALUE) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--count is too large");
    }
    AtomicLong built = new AtomicLong();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "preload-progress");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    progress.scheduleAtFixedRate(() -> err.printf(Locale.ROOT, "preload: %d of %d batches sent after %.0f s%n",
        built.get(), batches, (System.nanoTime() - start) / 1e9), 10, 10, TimeUnit.SECONDS);
    RunResult r;
    try (PostTarget target = new PostTarget(connection, "/v1/registrations", b -> {
      built.incrementAndGet();
      return source.body(b, count);
    }, timeout)) {
      err.printf("preloading %d registrations in %d batch(es) ...%n", count, batches);
      r = new ClosedLoopRunner(target, Ticker.SYSTEM, connections, timeout).run((int) batches, 0);
    } finally {
      progress.shutdownNow();
    }
    long registered = r.failures() == 0 ? count : r.ok() * batch;
    BulkReport.Setup setup = new BulkReport.Setup(connection.base().toString(), "preload", batch, connections);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == RunCommand.Format.json ? BulkReport.json(setup, List.of(r), List.of(registered))
        : BulkReport.text(setup, List.of(r), List.of(registered)));
    out.flush();
    if (r.failures() > 0) {
      err.printf("error: %d batch(es) failed: the index does not hold the whole population%n", r.failures());
      return r.ok() == 0 ? HitmachineBench.NO_SUCCESS : 1;
    }
    return 0;
  }
}
