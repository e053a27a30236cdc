package nl.hitmachine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

/** The per-run lines and the summary over runs, as text or JSON. */
final class Report {
  static final double[] PERCENTILES = {50, 90, 99, 99.9};

  /** What was run, for the header. */
  record Setup(
      String url,
      String scenario,
      double rate,
      double durationSeconds,
      double warmupSeconds,
      int connections,
      double meanSubjectsPerRequest,
      String generator) {}

  private Report() {}

  static String text(Setup setup, List<RunResult> runs) {
    return text(setup, runs, null);
  }

  static String json(Setup setup, List<RunResult> runs) throws IOException {
    return json(setup, runs, null);
  }

  /** With {@code replaces}: the mixed scenario's background caseload replaces. */
  static String text(Setup setup, List<RunResult> runs, ReplaceLoop.Stats replaces) {
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    w.printf(
        Locale.ROOT,
        "hitmachine-bench: %s, scenario %s (%.1f subjects/request), target %s req/s for %ss after %ss warm-up, at most %d in flight, generator %s%n",
        setup.url(),
        setup.scenario(),
        setup.meanSubjectsPerRequest(),
        number(setup.rate()),
        number(setup.durationSeconds()),
        number(setup.warmupSeconds()),
        setup.connections(),
        setup.generator());
    w.println("latency = completion - intended send time (open model; coordinated omission corrected), ms");
    w.printf(
        Locale.ROOT,
        "%-4s %10s %10s %9s %9s %9s %9s %9s %8s %6s %6s %6s %10s%n",
        "run", "req/s", "subjects/s", "p50", "p90", "p99", "p99.9", "max", "errors", "429", "503", "other", "late sends");
    int i = 1;
    for (RunResult r : runs) {
      w.printf(
          Locale.ROOT,
          "%-4d %10.1f %10.0f %9.3f %9.3f %9.3f %9.3f %9.3f %8d %6d %6d %6d %10d%n",
          i++,
          r.achievedRate(),
          r.achievedRate() * setup.meanSubjectsPerRequest(),
          ms(r.percentileMicros(50)),
          ms(r.percentileMicros(90)),
          ms(r.percentileMicros(99)),
          ms(r.percentileMicros(99.9)),
          ms(r.maxMicros()),
          r.failures(),
          r.tooManyRequests(),
          r.unavailable(),
          r.otherStatus() + r.transportErrors() + r.unfinished(),
          r.lateSends());
    }
    Summary rate = Summary.of(runs, RunResult::achievedRate);
    Summary p99 = Summary.of(runs, r -> r.percentileMicros(99));
    w.printf(
        Locale.ROOT,
        "summary over %d run(s): req/s median %.1f (min %.1f, max %.1f); p99 median %.3f ms (min %.3f, max %.3f)%n",
        runs.size(), rate.median(), rate.min(), rate.max(), p99.median() / 1000, p99.min() / 1000, p99.max() / 1000);
    if (replaces != null) {
      w.printf(Locale.ROOT, "meanwhile: %d caseload replace(s) completed, %d failed; seconds median %.2f%n",
          replaces.completed(), replaces.failed(), replaces.completed() == 0 ? Double.NaN
              : Summary.ofValues(replaces.seconds().stream().mapToDouble(Double::doubleValue).toArray()).median());
    }
    w.println("errors = non-2xx answers + transport errors + unanswered; other = other statuses, transport errors, unanswered");
    w.println("late sends = sent > 1 ms after due (in-flight cap reached or generator behind); their latency counts from the due time");
    w.flush();
    return out.toString();
  }

  static String json(Setup setup, List<RunResult> runs, ReplaceLoop.Stats replaces) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
      g.writeStartObject();
      g.writeStringField("url", setup.url());
      g.writeStringField("scenario", setup.scenario());
      g.writeNumberField("targetRate", setup.rate());
      g.writeNumberField("durationSeconds", setup.durationSeconds());
      g.writeNumberField("warmupSeconds", setup.warmupSeconds());
      g.writeNumberField("connections", setup.connections());
      g.writeStringField("generator", setup.generator());
      g.writeNumberField("meanSubjectsPerRequest", setup.meanSubjectsPerRequest());
      g.writeStringField("latency", "completion minus intended send time, microseconds");
      g.writeArrayFieldStart("runs");
      int i = 1;
      for (RunResult r : runs) {
        g.writeStartObject();
        g.writeNumberField("run", i++);
        g.writeNumberField("scheduled", r.scheduled());
        g.writeNumberField("completed", r.completed());
        g.writeNumberField("elapsedSeconds", r.elapsedNanos() / 1e9);
        g.writeNumberField("achievedRate", r.achievedRate());
        g.writeNumberField("subjectsPerSecond", r.achievedRate() * setup.meanSubjectsPerRequest());
        g.writeObjectFieldStart("latencyMicros");
        g.writeNumberField("p50", r.percentileMicros(50));
        g.writeNumberField("p90", r.percentileMicros(90));
        g.writeNumberField("p99", r.percentileMicros(99));
        g.writeNumberField("p99.9", r.percentileMicros(99.9));
        g.writeNumberField("max", r.maxMicros());
        g.writeEndObject();
        g.writeNumberField("ok", r.ok());
        g.writeNumberField("status429", r.tooManyRequests());
        g.writeNumberField("status503", r.unavailable());
        g.writeNumberField("otherStatus", r.otherStatus());
        g.writeNumberField("transportErrors", r.transportErrors());
        g.writeNumberField("unfinished", r.unfinished());
        g.writeNumberField("errors", r.failures());
        g.writeNumberField("lateSends", r.lateSends());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      summary(g, "achievedRate", Summary.of(runs, RunResult::achievedRate));
      summary(g, "subjectsPerSecond", Summary.of(runs, r -> r.achievedRate() * setup.meanSubjectsPerRequest()));
      summary(g, "p50Micros", Summary.of(runs, r -> r.percentileMicros(50)));
      summary(g, "p99Micros", Summary.of(runs, r -> r.percentileMicros(99)));
      summary(g, "p999Micros", Summary.of(runs, r -> r.percentileMicros(99.9)));
      g.writeNumberField("errors", runs.stream().mapToLong(RunResult::failures).sum());
      g.writeNumberField("lateSends", runs.stream().mapToLong(RunResult::lateSends).sum());
      g.writeEndObject();
      if (replaces != null) {
        g.writeObjectFieldStart("replaces");
        g.writeNumberField("completed", replaces.completed());
        g.writeNumberField("failed", replaces.failed());
        g.writeArrayFieldStart("seconds");
        for (double d : replaces.seconds()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    return out + System.lineSeparator();
  }

  static void summary(JsonGenerator g, String name, Summary s) throws IOException {
    g.writeObjectFieldStart(name);
    g.writeNumberField("median", s.median());
    g.writeNumberField("min", s.min());
    g.writeNumberField("max", s.max());
    g.writeEndObject();
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
