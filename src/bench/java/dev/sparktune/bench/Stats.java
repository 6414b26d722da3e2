package dev.sparktune.bench;

import java.util.Arrays;
import java.util.Locale;

/** Quantiles and the compact number format of the benchmark tables. */
final class Stats {
  private Stats() {}

  /** Linear interpolation between order statistics (numpy's default), so figures match Optuna's table. */
  static double quantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(s.length - 1, lo + 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) return "–";
    double a = Math.abs(v);
    if (a == 0) return "0";
    if (a < 0.01) return String.format(Locale.ROOT, "%.1e", v);
    if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static String cell(double[] values) {
    return fmt(quantile(values, 0.5)) + " [" + fmt(quantile(values, 0.25)) + ", " + fmt(quantile(values, 0.75)) + "]";
  }
}
