package dev.sparktune.bench;

import java.util.function.ToDoubleFunction;

/**
 * The ZDT two-objective test problems (Zitzler, Deb, Thiele, "Comparison of Multiobjective
 * Evolutionary Algorithms: Empirical Results", Evolutionary Computation 8(2), 2000): n params in
 * [0, 1], both objectives minimised, f1 = x1, g = 1 + 9·Σ_{i≥2} x_i / (n − 1). The Pareto front
 * is g = 1 (x2 … xn = 0): convex for ZDT1 (f2 = 1 − √f1), concave for ZDT2 (f2 = 1 − f1²).
 */
public enum Zdt {
  ZDT1, ZDT2;

  /** (f1, f2) at x. */
  public double[] evaluate(double[] x) {
    double f1 = x[0];
    double sum = 0;
    for (int i = 1; i < x.length; i++) sum += x[i];
    double g = 1 + 9 * sum / (x.length - 1);
    double h = this == ZDT1 ? 1 - Math.sqrt(f1 / g) : 1 - (f1 / g) * (f1 / g);
    return new double[] {f1, g * h};
  }

  /**
   * The hypervolume of the true front against {@code reference}, in closed form of the area above
   * the front inside the box: the most any set of points can reach.
   */
  public double optimalHypervolume(double[] reference) {
    // ∫_0^1 (r2 − h(f1)) df1 plus the strip f1 ∈ [1, r1] of height r2 (the front ends at f2 = 0).
    double area = this == ZDT1 ? 1.0 / 3 : 2.0 / 3;   // ∫_0^1 h: 1 − 2/3 for ZDT1, 1 − 1/3 for ZDT2
    return reference[1] * reference[0] - area;
  }

  /** One objective of the problem, for callers that take functions per objective. */
  public ToDoubleFunction<double[]> objective(int k) {
    return x -> evaluate(x)[k];
  }
}
