package nl.hitmachine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

/** Text and JSON reports of the registration scenarios (registrations, preload): items/s per run. */
final class BulkReport {
  private BulkReport() {}

  record Setup(String url, String scenario, int batchSize, int concurrency) {}

  static double itemsPerSecond(RunResult r, long items) {
    return r.elapsedNanos() <= 0 ? 0 : items * 1e9 / r.elapsedNanos();
  }

  /** {@code items.get(i)} is the number of registrations that run {@code i} upserted (its 2xx batches). */
  static String text(Setup s, List<RunResult> runs, List<Long> items) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "hitmachine-bench %s: %s, batches of %d, %d in flight (closed loop: latency = send to answer of a batch), ms%n",
        s.scenario(), s.url(), s.batchSize(), s.concurrency()));
    b.append(String.format(Locale.ROOT, "%-4s %14s %12s %10s %9s %9s %9s %9s %8s%n",
        "run", "registrations", "reg/s", "seconds", "p50", "p99", "p99.9", "max", "errors"));
    for (int i = 0; i < runs.size(); i++) {
      RunResult r = runs.get(i);
      b.append(String.format(Locale.ROOT, "%-4d %14d %12.0f %10.2f %9.3f %9.3f %9.3f %9.3f %8d%n", i + 1, items.get(i),
          itemsPerSecond(r, items.get(i)), r.elapsedNanos() / 1e9, r.percentileMicros(50) / 1e3,
          r.percentileMicros(99) / 1e3, r.percentileMicros(99.9) / 1e3, r.maxMicros() / 1e3, r.failures()));
    }
    Summary rate = rates(runs, items);
    b.append(String.format(Locale.ROOT, "summary over %d run(s): registrations/s median %.0f (min %.0f, max %.0f)%n",
        runs.size(), rate.median(), rate.min(), rate.max()));
    return b.toString();
  }

  static String json(Setup s, List<RunResult> runs, List<Long> items) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("url", s.url());
      g.writeStringField("scenario", s.scenario());
      g.writeNumberField("batchSize", s.batchSize());
      g.writeNumberField("connections", s.concurrency());
      g.writeStringField("latency", "send to answer of one batch, microseconds (closed loop)");
      g.writeArrayFieldStart("runs");
      for (int i = 0; i < runs.size(); i++) {
        RunResult r = runs.get(i);
        g.writeStartObject();
        g.writeNumberField("run", i + 1);
        g.writeNumberField("batches", r.scheduled());
        g.writeNumberField("registrations", items.get(i));
        g.writeNumberField("elapsedSeconds", r.elapsedNanos() / 1e9);
        g.writeNumberField("registrationsPerSecond", itemsPerSecond(r, items.get(i)));
        g.writeObjectFieldStart("latencyMicros");
        g.writeNumberField("p50", r.percentileMicros(50));
        g.writeNumberField("p99", r.percentileMicros(99));
        g.writeNumberField("p99.9", r.percentileMicros(99.9));
        g.writeNumberField("max", r.maxMicros());
        g.writeEndObject();
        g.writeNumberField("ok", r.ok());
        g.writeNumberField("errors", r.failures());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      Report.summary(g, "registrationsPerSecond", rates(runs, items));
      Report.summary(g, "p50Micros", Summary.of(runs, r -> r.percentileMicros(50)));
      Report.summary(g, "p99Micros", Summary.of(runs, r -> r.percentileMicros(99)));
      Report.summary(g, "p999Micros", Summary.of(runs, r -> r.percentileMicros(99.9)));
      g.writeEndObject();
      g.writeEndObject();
    }
    return out + System.lineSeparator();
  }

  private static Summary rates(List<RunResult> runs, List<Long> items) {
    double[] v = new double[runs.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = itemsPerSecond(runs.get(i), items.get(i));
    }
    return Summary.ofValues(v);
  }
}
