package io.webassist.bench.report;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One measured run: how many operations, over how long, at what rate, and latency percentiles in
 * microseconds (NaN where the scenario has no latency). {@code warning} notes anything that makes
 * the run doubtful.
 */
public record Stats(long count, double seconds, double rate, double p50Us, double p99Us, double p999Us,
    double maxUs, String warning) {

  public static Stats of(Histogram h, long count, double seconds, double rate, String warning) {
    if (h == null || h.getTotalCount() == 0) {
      return new Stats(count, seconds, rate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, warning);
    }
    return new Stats(count, seconds, rate, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, warning);
  }

  public static Stats rateOnly(long count, double seconds, String warning) {
    return new Stats(count, seconds, count / seconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN, warning);
  }

  /** The run whose rate is the median; latencies are the medians of each percentile across runs. */
  public static Stats median(List<Stats> runs) {
    if (runs.isEmpty()) {
      return null;
    }
    return new Stats(
        (long) med(runs.stream().mapToDouble(Stats::count).toArray()),
        med(runs.stream().mapToDouble(Stats::seconds).toArray()),
        med(runs.stream().mapToDouble(Stats::rate).toArray()),
        med(runs.stream().mapToDouble(Stats::p50Us).toArray()),
        med(runs.stream().mapToDouble(Stats::p99Us).toArray()),
        med(runs.stream().mapToDouble(Stats::p999Us).toArray()),
        med(runs.stream().mapToDouble(Stats::maxUs).toArray()),
        runs.stream().map(Stats::warning).filter(w -> w != null).findFirst().orElse(null));
  }

  private static double med(double[] values) {
    double[] v = values.clone();
    java.util.Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
