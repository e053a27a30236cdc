package nl.hitmachine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import nl.hitmachine.connector.HitmachineClient;
import nl.hitmachine.connector.HitmachineProblemException;
import nl.hitmachine.connector.ReplaceResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code replace}: a connector's full caseload replace (PUT /v1/registrations, NDJSON streamed by
 * the connector SDK) of {@code --subjects} synthetic subjects, timed end to end: from the first
 * byte sent to the answer, which the service gives only after the change is durable.
 */
@Command(
    name = "replace",
    mixinStandardHelpOptions = true,
    description = {
      "Replaces one connector's whole caseload with --subjects synthetic subjects (PUT /v1/registrations, streamed NDJSON "
          + "via the connector SDK), --runs times, each timed from the start of the upload to the durable answer.",
      "Run 1 adds every subject (into an empty caseload); later runs shift the caseload by half, so they add, remove and "
          + "keep half each."
    })
final class ReplaceCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin ServiceOptions service;

  @Option(names = "--client", defaultValue = "leerplicht-connector",
      description = "connector client id whose agency's caseload is replaced (default: ${DEFAULT-VALUE})")
  String client;

  @Option(names = "--subjects", defaultValue = "1000000", description = "caseload size (default: ${DEFAULT-VALUE})")
  long subjects;

  @Option(names = "--runs", defaultValue = "3", description = "replaces (default: ${DEFAULT-VALUE})")
  int runs;

  @CommandLine.Mixin PopulationOptions populationOptions;

  @Option(names = "--timeout", converter = DurationConverter.class, defaultValue = "30m",
      description = "time one replace may take (default: ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(names = "--format", defaultValue = "text", description = "text | json (default: ${DEFAULT-VALUE})")
  RunCommand.Format format;

  record Timed(double seconds, ReplaceResult result) {}

  @Override
  public Integer call() throws Exception {
    if (subjects < 2 || runs < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--subjects must be at least 2, --runs at least 1");
    }
    PrintStream err = System.err;
    ServiceOptions.Connection connection;
    try {
      connection = service.connect(client);
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    Caseloads caseloads = new Caseloads(populationOptions.population(), Caseloads.REPLACE_BASE, subjects);
    List<Timed> timed = new ArrayList<>();
    try (HitmachineClient sdk = connection.sdkClient(timeout)) {
      for (int run = 1; run <= runs; run++) {
        err.printf("replace %d of %d: %d subjects ...%n", run, runs, subjects);
        timed.add(replace(sdk, caseloads, run - 1));
      }
    } catch (HitmachineProblemException e) {
      err.println("error: the service refused the replace: " + e.getMessage());
      return HitmachineBench.NO_SUCCESS;
    } catch (IOException e) {
      err.println("error: replace failed: " + e.getMessage());
      return HitmachineBench.NO_SUCCESS;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == RunCommand.Format.json ? json(connection.base().toString(), timed) : text(connection.base().toString(), timed));
    out.flush();
    return 0;
  }

  static Timed replace(HitmachineClient sdk, Caseloads caseloads, long k) throws IOException {
    long start = System.nanoTime();
    ReplaceResult r = sdk.replaceCaseload(caseloads.caseload(k));
    return new Timed((System.nanoTime() - start) / 1e9, r);
  }

  private String text(String url, List<Timed> timed) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "hitmachine-bench replace: %s, caseload of %d subjects, end to end incl. durable commit%n", url, subjects));
    b.append(String.format(Locale.ROOT, "%-4s %10s %12s %10s %10s %10s%n", "run", "seconds", "subjects/s", "added", "removed", "kept"));
    for (int i = 0; i < timed.size(); i++) {
      Timed t = timed.get(i);
      b.append(String.format(Locale.ROOT, "%-4d %10.2f %12.0f %10d %10d %10d%n", i + 1, t.seconds(), subjects / t.seconds(),
          t.result().added(), t.result().removed(), t.result().kept()));
    }
    Summary s = Summary.ofValues(timed.stream().mapToDouble(Timed::seconds).toArray());
    b.append(String.format(Locale.ROOT, "summary over %d run(s): seconds median %.2f (min %.2f, max %.2f)%n", timed.size(), s.median(), s.min(), s.max()));
    return b.toString();
  }

  private String json(String url, List<Timed> timed) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("url", url);
      g.writeStringField("scenario", "replace");
      g.writeNumberField("subjects", subjects);
      g.writeArrayFieldStart("runs");
      for (int i = 0; i < timed.size(); i++) {
        Timed t = timed.get(i);
        g.writeStartObject();
        g.writeNumberField("run", i + 1);
        g.writeNumberField("seconds", t.seconds());
        g.writeNumberField("subjectsPerSecond", subjects / t.seconds());
        g.writeNumberField("added", t.result().added());
        g.writeNumberField("removed", t.result().removed());
        g.writeNumberField("kept", t.result().kept());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      Report.summary(g, "seconds", Summary.ofValues(timed.stream().mapToDouble(Timed::seconds).toArray()));
      Report.summary(g, "firstSeconds", Summary.ofValues(new double[] {timed.get(0).seconds()}));
      Report.summary(g, "subjectsPerSecond", Summary.ofValues(timed.stream().mapToDouble(t -> subjects / t.seconds()).toArray()));
      g.writeEndObject();
      g.writeEndObject();
    }
    return out + System.lineSeparator();
  }
}
