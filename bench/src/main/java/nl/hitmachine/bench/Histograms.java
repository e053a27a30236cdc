package nl.hitmachine.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/** Writes a run's histogram as {@code NAME.hlog} (HdrHistogram log, µs) and {@code NAME.hgrm} (percentiles, ms). */
final class Histograms {
  private Histograms() {}

  static void write(Path dir, String name, String comment, RunResult r, long startMillis) throws IOException {
    Files.createDirectories(dir);
    Histogram h = r.latencyMicros();
    try (PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve(name + ".hlog")), true, StandardCharsets.UTF_8)) {
      HistogramLogWriter writer = new HistogramLogWriter(log);
      writer.outputComment(comment);
      writer.outputLogFormatVersion();
      writer.outputStartTime(startMillis);
      writer.setBaseTime(startMillis);
      writer.outputLegend();
      writer.outputIntervalHistogram(0, r.elapsedNanos() / 1e9, h, 1.0);
    }
    try (PrintStream hgrm = new PrintStream(Files.newOutputStream(dir.resolve(name + ".hgrm")), true, StandardCharsets.UTF_8)) {
      h.outputPercentileDistribution(hgrm, 1000.0);
    }
  }
}
