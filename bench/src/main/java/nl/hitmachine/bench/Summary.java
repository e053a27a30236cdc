package nl.hitmachine.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median and spread (min–max) of one measure over the repeated runs. */
record Summary(double median, double min, double max) {

  static Summary of(List<RunResult> runs, ToDoubleFunction<RunResult> measure) {
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no runs to summarise");
    }
    return ofValues(runs.stream().mapToDouble(measure).toArray());
  }

  static Summary ofValues(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values to summarise");
    }
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Summary(median, v[0], v[n - 1]);
  }

  @Override
  public String toString() {
    return "Summary" + Arrays.toString(new double[] {median, min, max});
  }
}
