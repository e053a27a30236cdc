package nl.hitmachine.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot}: a latency-by-percentile PNG (the HdrHistogram plotter's layout: x = percentile on a
 * "nines" scale, y = latency in ms) of one or more {@code .hlog} files, drawn with Java2D.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Draws the percentile distribution of HdrHistogram logs (.hlog, as run --hdr-out writes) as a PNG.")
final class PlotCommand implements Callable<Integer> {
  private static final Color[] COLOURS = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)
  };
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;
  private static final int LEFT = 80;
  private static final int RIGHT = 50;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;
  /** The x axis ends at 99.999 %. */
  private static final double MAX_NINES = 5;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--out", description = "the PNG to write (with FILE arguments)")
  Path out;

  @Option(names = "--each", description = "instead of FILE arguments: one PNG per subdirectory of this directory, "
      + "with one line per .hlog in it, written to --out-dir as <subdirectory>.png (title: <subdirectory> + --title)")
  Path each;

  @Option(names = "--out-dir", description = "with --each: where the PNGs go")
  Path outDir;

  @Option(names = "--title", defaultValue = "latency by percentile", description = "chart title")
  String title;

  @Parameters(arity = "0..*", paramLabel = "[LABEL=]FILE.hlog", description = "histogram logs; every interval in a file is added up")
  List<String> inputs;

  /** One line of the chart. */
  record Series(String label, Histogram histogram) {}

  @Override
  public Integer call() throws Exception {
    if (each != null) {
      if (outDir == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--each needs --out-dir");
      }
      try (var dirs = Files.list(each)) {
        for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
          List<String> files;
          try (var hlogs = Files.list(d)) {
            files = hlogs.filter(f -> f.toString().endsWith(".hlog")).sorted().map(Path::toString).toList();
          }
          if (!files.isEmpty()) {
            int code = plot(outDir.resolve(d.getFileName() + ".png"), d.getFileName() + title, files);
            if (code != 0) {
              return code;
            }
          }
        }
      }
      return 0;
    }
    if (out == null || inputs == null || inputs.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give --out and FILE arguments, or --each and --out-dir");
    }
    return plot(out, title, inputs);
  }

  private static int plot(Path out, String title, List<String> inputs) {
    List<Series> series = new ArrayList<>();
    try {
      for (String input : inputs) {
        int eq = input.indexOf('=');
        String label = eq > 0 ? input.substring(0, eq) : Path.of(input).getFileName().toString().replaceFirst("\\.hlog$", "");
        Path file = Path.of(eq > 0 ? input.substring(eq + 1) : input);
        series.add(new Series(label, read(file)));
      }
      BufferedImage image = draw(title, series);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      ImageIO.write(image, "png", out.toFile());
    } catch (IOException e) {
      System.err.println("error: " + e.getMessage());
      return HitmachineBench.IO;
    }
    return 0;
  }

  static Histogram read(Path file) throws IOException {
    Histogram total = null;
    try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
      EncodableHistogram h;
      while ((h = reader.nextIntervalHistogram()) != null) {
        if (h instanceof Histogram histogram) {
          if (total == null) {
            total = new Histogram(3);
            total.setAutoResize(true);
          }
          total.add(histogram);
        }
      }
    }
    if (total == null) {
      throw new IOException("no histogram in " + file);
    }
    return total;
  }

  /** Percentile (0–100) as "nines": 0 → 0, 90 → 1, 99 → 2, 99.9 → 3, … */
  static double nines(double percentile) {
    double rest = 1 - percentile / 100;
    return rest <= 0 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(rest));
  }

  static BufferedImage draw(String title, List<Series> series) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      double maxMs = 0;
      for (Series s : series) {
        maxMs = Math.max(maxMs, s.histogram().getValueAtPercentile(99.999) / 1000.0);
      }
      maxMs = niceCeiling(Math.max(maxMs, 0.001));
      int plotW = WIDTH - LEFT - RIGHT;
      int plotH = HEIGHT - TOP - BOTTOM;
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
      g.setColor(Color.BLACK);
      g.drawString(title, LEFT, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
      for (int i = 0; i <= MAX_NINES; i++) {
        int x = LEFT + (int) Math.round(plotW * i / MAX_NINES);
        g.setColor(new Color(0xdddddd));
        g.drawLine(x, TOP, x, TOP + plotH);
        g.setColor(Color.BLACK);
        g.drawString(xLabels[i], x - 15, TOP + plotH + 18);
      }
      for (int i = 0; i <= 5; i++) {
        int y = TOP + plotH - (int) Math.round(plotH * i / 5.0);
        g.setColor(new Color(0xdddddd));
        g.drawLine(LEFT, y, LEFT + plotW, y);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%.3g", maxMs * i / 5), 10, y + 4);
      }
      g.drawString("percentile", LEFT + plotW / 2 - 30, HEIGHT - 35);
      g.drawString("latency (ms)", 10, TOP - 8);
      g.drawRect(LEFT, TOP, plotW, plotH);
      g.setStroke(new BasicStroke(2f));
      int legendY = HEIGHT - 12;
      int legendX = LEFT;
      for (int k = 0; k < series.size(); k++) {
        Series s = series.get(k);
        g.setColor(COLOURS[k % COLOURS.length]);
        int px = -1;
        int py = -1;
        for (HistogramIterationValue v : s.histogram().percentiles(5)) {
          double n = nines(v.getPercentileLevelIteratedTo());
          int x = LEFT + (int) Math.round(plotW * n / MAX_NINES);
          int y = TOP + plotH - (int) Math.round(plotH * Math.min(1, v.getValueIteratedTo() / 1000.0 / maxMs));
          if (px >= 0) {
            g.drawLine(px, py, x, y);
          }
          px = x;
          py = y;
          if (n >= MAX_NINES) {
            break;
          }
        }
        String label = String.format(Locale.ROOT, "%s (n=%d, p99 %.3f ms)", s.label(), s.histogram().getTotalCount(),
            s.histogram().getValueAtPercentile(99) / 1000.0);
        g.fillRect(legendX, legendY - 9, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString(label, legendX + 22, legendY - 3);
        legendX += g.getFontMetrics().stringWidth(label) + 40;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** 1, 2 or 5 × a power of ten, at or above {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }
}
