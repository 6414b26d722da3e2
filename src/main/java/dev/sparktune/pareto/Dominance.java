package dev.sparktune.pareto;

/**
 * Pareto dominance on loss vectors (every coordinate smaller is better), and Deb's constrained
 * domination (Deb, Pratap, Agarwal, Meyarivan, "A Fast and Elitist Multiobjective Genetic
 * Algorithm: NSGA-II", IEEE TEC 2002, section IV): a feasible result dominates an infeasible one,
 * of two infeasible ones the smaller violation dominates, and two feasible ones compare by Pareto
 * dominance. That is what makes "feasible = false" never best without a penalty constant.
 */
public final class Dominance {
  private Dominance() {}

  /** a is no worse than b everywhere and better somewhere. */
  public static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] > b[i]) return false;
      if (a[i] < b[i]) better = true;
    }
    return better;
  }

  /**
   * Deb's constrained domination; a violation of 0 is feasible.
   *
   * @param va the summed constraint violation of a
   * @param vb the summed constraint violation of b
   */
  public static boolean dominates(double[] a, double va, double[] b, double vb) {
    boolean fa = va <= 0;
    boolean fb = vb <= 0;
    if (fa && fb) return dominates(a, b);
    if (fa) return true;
    if (fb) return false;
    return va < vb;
  }
}
