package dev.sparktune.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The hypervolume of a set of loss vectors (smaller is better): the measure of the region they
 * dominate, bounded by a reference point they should all beat. The one number that grows whenever
 * a front gets better or wider, so it is what the benchmark compares samplers by (Zitzler & Thiele
 * 1998). Exact: a sweep in two dimensions (O(n log n)), slicing by the last objective above that
 * (O(n^(d-1) log n), fine for a study's front). Points that do not beat the reference everywhere
 * add nothing.
 */
public final class Hypervolume {
  private Hypervolume() {}

  public static double of(double[][] points, double[] reference) {
    List<double[]> in = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != reference.length) throw new IllegalArgumentException("point of " + p.length
          + " objectives against a reference of " + reference.length);
      if (beats(p, reference)) in.add(p);
    }
    return volume(in, reference, reference.length);
  }

  /**
   * Each point's exclusive contribution: what the set loses without it (0 for a dominated point
   * or a duplicate). MOTPE weights its good results by it.
   */
  public static double[] contributions(double[][] points, double[] reference) {
    double total = of(points, reference);
    double[] c = new double[points.length];
    for (int i = 0; i < points.length; i++) {
      double[][] rest = new double[points.length - 1][];
      for (int j = 0, k = 0; j < points.length; j++) if (j != i) rest[k++] = points[j];
      c[i] = Math.max(0, total - of(rest, reference));
    }
    return c;
  }

  private static boolean beats(double[] p, double[] r) {
    for (int i = 0; i < p.length; i++) if (!(p[i] < r[i])) return false;
    return true;
  }

  /** Hypervolume of {@code pts} in their first {@code d} coordinates (all beat the reference there). */
  private static double volume(List<double[]> pts, double[] ref, int d) {
    if (pts.isEmpty()) return 0;
    if (d == 1) {
      double min = Double.POSITIVE_INFINITY;
      for (double[] p : pts) min = Math.min(min, p[0]);
      return ref[0] - min;
    }
    if (d == 2) return sweep(pts, ref);
    int last = d - 1;
    List<double[]> sorted = new ArrayList<>(pts);
    sorted.sort(Comparator.comparingDouble(p -> p[last]));
    double hv = 0;
    for (int i = 0; i < sorted.size(); i++) {
      double top = i + 1 < sorted.size() ? sorted.get(i + 1)[last] : ref[last];
      double height = top - sorted.get(i)[last];
      if (height > 0) hv += height * volume(sorted.subList(0, i + 1), ref, last);
    }
    return hv;
  }

  /** Two objectives: sort by the first, add each point's strip below the best second value so far. */
  private static double sweep(List<double[]> pts, double[] ref) {
    double[][] s = pts.toArray(new double[0][]);
    Arrays.sort(s, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
    double hv = 0;
    double floor = ref[1];
    for (double[] p : s) {
      if (p[1] < floor) {
        hv += (ref[0] - p[0]) * (floor - p[1]);
        floor = p[1];
      }
    }
    return hv;
  }
}
