package nl.hitmachine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report}: turns one suite run's outputs ({@code DIR/json/*.json} from the scenarios,
 * {@code DIR/json/pg.json} from bin/pg-baseline) into {@code results.md} (docs/benchmarks.md-ready
 * tables, with ratios against the liveness endpoint and PostgreSQL measured in the same run and
 * each target of the brief marked met or missed) and {@code results.json}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Writes results.md and results.json from a bench-suite output directory.")
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--dir", required = true, description = "the suite's output directory (holds json/)")
  Path dir;

  @Option(names = "--mode", defaultValue = "full", description = "smoke | full: named in the header (default: ${DEFAULT-VALUE})")
  String mode;

  private final ObjectMapper mapper = new ObjectMapper();

  /** One table row. Rates are per second in {@code unit}; latencies in ms (NaN when not measured). */
  record Row(String scenario, double rate, String unit, double p50, double p99, double p999, String vsLiveness,
      String vsPg, String target, String verdict, String notes) {}

  @Override
  public Integer call() throws Exception {
    Path json = dir.resolve("json");
    if (!Files.isDirectory(json)) {
      System.err.println("error: no " + json);
      return HitmachineBench.IO;
    }
    Optional<JsonNode> pg = read(json, "pg");
    double liveness = rate(read(json, "liveness")).orElse(Double.NaN);
    double pgSelect = pg.map(p -> p.path("select").path("tps").asDouble(Double.NaN)).orElse(Double.NaN);
    double pgAudit = pg.map(p -> p.path("selectAudit").path("tps").asDouble(Double.NaN)).orElse(Double.NaN);

    List<Row> rows = new ArrayList<>();
    lookupRow(json, "liveness", "GET /health/live (HTTP stack's limit)", liveness, Double.NaN, Double.NaN, "—", null)
        .ifPresent(rows::add);
    read(json, "wrk-liveness").ifPresent(n -> rows.add(new Row("generator check: wrk on GET /health/live", n.path("rate").asDouble(),
        "req/s", Double.NaN, Double.NaN, Double.NaN, ratio(n.path("rate").asDouble(), liveness) + " of ours", "—", "—", "—",
        "closed loop, " + n.path("connections").asInt() + " connections; when the liveness row fell short of its target "
            + "rate and wrk is far above it, our generator is the limit")));
    double single = rate(read(json, "single-max")).orElse(Double.NaN);
    lookupRow(json, "single-max", "single lookups, max rate", liveness, pgSelect, pgAudit,
        "≥ 40 000/s; ≥ 0.6× liveness; ≥ 1.0× PG select; ≥ 5× PG select+audit",
        r -> r >= 40_000 && r >= 0.6 * liveness && r >= pgSelect && r >= 5 * pgAudit).ifPresent(rows::add);
    read(json, "single-half").ifPresent(n -> {
      double p99 = n.path("summary").path("p99Micros").path("median").asDouble() / 1000;
      rows.add(row(n, "single lookups, half the max rate", liveness, Double.NaN, Double.NaN, "p99 ≤ 10 ms",
          p99 <= 10 ? "met" : "missed"));
    });
    read(json, "household").ifPresent(n -> {
      double subjects = n.path("summary").path("subjectsPerSecond").path("median").asDouble();
      Row r = row(n, "household lists (145 households, 1–8 members)", Double.NaN, Double.NaN, Double.NaN,
          "≥ 300 000 subjects/s", subjects >= 300_000 ? "met" : "missed");
      rows.add(new Row(r.scenario(), subjects, "subjects/s", r.p50(), r.p99(), r.p999(), "—", "—", r.target(), r.verdict(),
          String.format(Locale.ROOT, "%.1f lists/s", rate(Optional.of(n)).orElse(Double.NaN))));
    });
    read(json, "registrations").ifPresent(n -> {
      double r = n.path("summary").path("registrationsPerSecond").path("median").asDouble();
      rows.add(new Row("registrations, batches of " + n.path("batchSize").asInt(), r, "registrations/s",
          ms(n, "p50Micros"), ms(n, "p99Micros"), ms(n, "p999Micros"), "—", "—", "≥ 100 000/s durable",
          r >= 100_000 ? "met" : "missed", "latency = one batch"));
    });
    read(json, "replace").ifPresent(n -> {
      long subjects = n.path("subjects").asLong();
      double first = n.path("summary").path("firstSeconds").path("median").asDouble();
      double median = n.path("summary").path("seconds").path("median").asDouble();
      boolean full = subjects >= 1_000_000;
      rows.add(new Row("full caseload replace of " + subjects, subjects / first, "subjects/s", Double.NaN, Double.NaN,
          Double.NaN, "—", "—", "1 000 000 in ≤ 10 s",
          full ? (first * 1_000_000 / subjects <= 10 && median * 1_000_000 / subjects <= 10 ? "met" : "missed") : "n/a (smaller caseload)",
          String.format(Locale.ROOT, "first (all new) %.2f s, median of runs %.2f s", first, median)));
    });
    read(json, "mixed").ifPresent(n -> {
      JsonNode replaces = n.path("replaces");
      rows.add(new Row("mixed: lookups while a connector replaces", rate(Optional.of(n)).orElse(Double.NaN), "req/s",
          ms(n, "p50Micros"), ms(n, "p99Micros"), ms(n, "p999Micros"), ratio(rate(Optional.of(n)).orElse(Double.NaN), liveness), "—",
          "—", "—", replaces.path("completed").asInt() + " replaces of " + n.path("scenario").asText().replaceAll(".*replace (\\d+)\\)", "$1")
              + " subjects meanwhile"));
    });
    read(json, "index10m").ifPresent(n -> {
      double r = rate(Optional.of(n)).orElse(Double.NaN);
      double rss = read(json, "rss-10m").map(x -> x.path("rssKiB").asDouble() / 1024 / 1024).orElse(Double.NaN);
      boolean met = r >= 0.8 * single && rss <= 2.0;
      rows.add(new Row("single lookups, index of 10 000 000", r, "req/s", ms(n, "p50Micros"), ms(n, "p99Micros"),
          ms(n, "p999Micros"), ratio(r, liveness), "—", "within 20 % of the 100 000 rate; RSS ≤ 2 GiB",
          met ? "met" : "missed", String.format(Locale.ROOT, "%s of the small index's rate; RSS %.2f GiB", ratio(r, single), rss)));
    });
    read(json, "tls-liveness").ifPresent(n -> rows.add(row(n, "TLS: GET /health/live", Double.NaN, Double.NaN, Double.NaN, "—", "—")));
    double tlsLive = rate(read(json, "tls-liveness")).orElse(Double.NaN);
    read(json, "tls-single").ifPresent(n -> {
      Row r = row(n, "TLS: single lookups", tlsLive, Double.NaN, Double.NaN, "—", "—");
      rows.add(new Row(r.scenario(), r.rate(), r.unit(), r.p50(), r.p99(), r.p999(), r.vsLiveness(), r.vsPg(), r.target(),
          r.verdict(), "vs TLS liveness; " + ratio(r.rate(), single) + " of plain HTTP"));
    });
    pg.ifPresent(p -> {
      for (String kind : List.of("select", "selectAudit")) {
        JsonNode k = p.path(kind);
        rows.add(new Row(kind.equals("select") ? "PostgreSQL: point look-up (baseline)" : "PostgreSQL: look-up + durable audit insert (baseline)",
            k.path("tps").asDouble(), "tps", k.path("p50Ms").asDouble(Double.NaN), k.path("p99Ms").asDouble(Double.NaN),
            k.path("p999Ms").asDouble(Double.NaN), "—", "—", "—", "—",
            p.path("clients").asInt() + " clients, " + p.path("rows").asLong() + " rows, pgbench -M prepared"));
      }
    });

    Machine machine = Machine.describe(pg.map(p -> p.path("version").asText("")).orElse(""));
    String generator = read(json, "single-max").or(() -> read(json, "liveness"))
        .map(n -> n.path("generator").asText("")).orElse("");
    Files.writeString(dir.resolve("results.md"), markdown(rows, machine, generator), StandardCharsets.UTF_8);
    ObjectNode all = mapper.createObjectNode();
    all.put("mode", mode);
    all.set("machine", mapper.valueToTree(machine));
    ArrayNode array = all.putArray("rows");
    for (Row r : rows) {
      array.add(mapper.valueToTree(r));
    }
    all.put("pgSelectTps", pgSelect);
    all.put("pgSelectAuditTps", pgAudit);
    all.put("livenessRate", liveness);
    mapper.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("results.json").toFile(), all);
    spec.commandLine().getOut().printf("wrote %s and %s%n", dir.resolve("results.md"), dir.resolve("results.json"));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String markdown(List<Row> rows, Machine m, String generator) {
    StringBuilder b = new StringBuilder();
    b.append("### Results (").append(mode).append(" run)\n\n");
    b.append("Machine: ").append(m.cpu()).append(", ").append(m.cores()).append(" cores, ")
        .append(String.format(Locale.ROOT, "%.1f GiB RAM", m.memoryGiB())).append(", Linux ").append(m.kernel())
        .append(", JDK ").append(m.jdk());
    if (!m.postgresql().isEmpty()) {
      b.append(", ").append(m.postgresql());
    }
    b.append("; load generator").append(generator.isEmpty() ? "" : " (hitmachine-bench, " + generator + ")")
        .append(" and service on the same machine. Rates are medians over the runs; latencies in ms ")
        .append("(lookups: from the intended send time, open model).\n\n");
    b.append("| scenario | rate | p50 | p99 | p99.9 | vs liveness | vs PostgreSQL | target | met? | notes |\n");
    b.append("|---|---:|---:|---:|---:|---:|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| ").append(r.scenario()).append(" | ").append(String.format(Locale.ROOT, "%,.0f %s", r.rate(), r.unit()))
          .append(" | ").append(num(r.p50())).append(" | ").append(num(r.p99())).append(" | ").append(num(r.p999()))
          .append(" | ").append(r.vsLiveness()).append(" | ").append(r.vsPg()).append(" | ").append(r.target())
          .append(" | ").append(r.verdict()).append(" | ").append(r.notes()).append(" |\n");
    }
    if (mode.equals("smoke")) {
      b.append("\nA smoke run: short runs on small data, to show that the suite works; the numbers are not results.\n");
    }
    return b.toString();
  }

  private Row row(JsonNode n, String scenario, double liveness, double pgSelect, double pgAudit, String target, String verdict) {
    double r = rate(Optional.of(n)).orElse(Double.NaN);
    String vsPg = Double.isNaN(pgSelect) ? "—" : ratio(r, pgSelect) + " select, " + ratio(r, pgAudit) + " select+audit";
    return new Row(scenario, r, "req/s", ms(n, "p50Micros"), ms(n, "p99Micros"), ms(n, "p999Micros"),
        Double.isNaN(liveness) ? "—" : ratio(r, liveness), vsPg, target, verdict, errorsNote(n));
  }

  private Optional<Row> lookupRow(Path json, String name, String scenario, double liveness, double pgSelect, double pgAudit,
      String target, java.util.function.DoublePredicate met) {
    return read(json, name).map(n -> {
      String verdict = met == null ? "—" : met.test(rate(Optional.of(n)).orElse(Double.NaN)) ? "met" : "missed";
      return row(n, scenario, name.equals("liveness") ? Double.NaN : liveness, pgSelect, pgAudit, target, verdict);
    });
  }

  private static String errorsNote(JsonNode n) {
    long errors = n.path("summary").path("errors").asLong();
    long late = n.path("summary").path("lateSends").asLong();
    String s = errors > 0 ? errors + " errors" : "";
    if (late > 0) {
      s += (s.isEmpty() ? "" : "; ") + late + " late sends";
    }
    return s;
  }

  private static Optional<Double> rate(Optional<JsonNode> n) {
    return n.map(x -> x.path("summary").path("achievedRate").path("median").asDouble(Double.NaN));
  }

  private static double ms(JsonNode n, String field) {
    return n.path("summary").path(field).path("median").asDouble(Double.NaN) / 1000;
  }

  static String ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "—" : String.format(Locale.ROOT, "%.2f×", a / b);
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, "%.3f", d);
  }

  private Optional<JsonNode> read(Path json, String name) {
    Path file = json.resolve(name + ".json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(mapper.readTree(file.toFile()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
