package dev.sparktune.sampler;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The values a grid takes along one param: every choice of a categorical; every value of a small
 * int or stepped range; otherwise {@code pointsPerRange} evenly spaced points, geometrically
 * spaced on a log scale, ends included.
 */
final class GridPoints {
  private GridPoints() {}

  /**
   * @throws IllegalArgumentException if a continuous range has no points to take because
   *     {@code pointsPerRange} is empty; the message names the param
   */
  static List<Object> of(Param p, OptionalInt pointsPerRange) {
    if (p instanceof CategoricalParam c) return c.choices();
    if (p instanceof IntParam ip) {
      if (pointsPerRange.isEmpty() || ip.size() <= pointsPerRange.getAsInt()) {
        if (ip.size() > 100_000) throw infinite(p);
        List<Object> all = new ArrayList<>();
        for (long v = ip.low(); v <= ip.high(); v += ip.step()) all.add(v);
        return all;
      }
      Set<Object> points = new LinkedHashSet<>();
      int n = pointsPerRange.getAsInt();
      for (int i = 0; i < n; i++) {
        double t = (double) i / (n - 1);
        double v = ip.log()
            ? Math.exp(Math.log(ip.low()) + t * (Math.log(ip.high()) - Math.log(ip.low())))
            : ip.low() + t * (ip.high() - ip.low());
        long k = Math.round((v - ip.low()) / ip.step());
        points.add(Math.min(ip.high(), ip.low() + k * ip.step()));
      }
      return List.copyOf(points);
    }
    FloatParam fp = (FloatParam) p;
    if (fp.low() == fp.high()) return List.of(fp.low());
    if (fp.step().isPresent() && (pointsPerRange.isEmpty() || fp.steps() + 1 <= pointsPerRange.getAsInt())) {
      List<Object> all = new ArrayList<>();
      for (long k = 0; k <= fp.steps(); k++) all.add(fp.low() + k * fp.step().getAsDouble());
      return all;
    }
    if (pointsPerRange.isEmpty()) throw infinite(p);
    int n = pointsPerRange.getAsInt();
    Set<Object> points = new LinkedHashSet<>();
    for (int i = 0; i < n; i++) {
      double t = (double) i / (n - 1);
      double v = fp.log()
          ? Math.exp(Math.log(fp.low()) + t * (Math.log(fp.high()) - Math.log(fp.low())))
          : fp.low() + t * (fp.high() - fp.low());
      if (fp.step().isPresent()) {
        v = fp.low() + Math.round((v - fp.low()) / fp.step().getAsDouble()) * fp.step().getAsDouble();
      }
      // 12 significant digits turn exp(log(x)) noise like 0.0010000000000000002 back into 0.001.
      v = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.12g", v));
      // The ends must be exact, so that `contains` and users see the bounds they wrote.
      if (i == 0) v = fp.low();
      if (i == n - 1 && fp.step().isEmpty()) v = fp.high();
      points.add(Math.min(fp.high(), Math.max(fp.low(), v)));
    }
    return List.copyOf(points);
  }

  private static IllegalArgumentException infinite(Param p) {
    return new IllegalArgumentException("sparktune.space." + p.name()
        + ": the grid sampler cannot enumerate a continuous range; give explicit values, a step,"
        + " or set sparktune.search.grid-points");
  }
}
