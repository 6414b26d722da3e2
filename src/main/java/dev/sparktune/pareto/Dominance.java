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

  /**
   * Deb's rule for one objective as an order for sorting and tournaments: negative when a is
   * better (a feasible result before an infeasible one, two infeasible ones by violation, two
   * feasible ones by loss), 0 when neither is. {@code compare(...) < 0} exactly when
   * {@code dominates(new double[] {la}, va, new double[] {lb}, vb)}, without the arrays.
   */
  public static int compare(double la, double va, double lb, double vb) {
    boolean fa = va <= 0;
    boolean fb = vb <= 0;
    if (fa != fb) return fa ? -1 : 1;
    return fa ? sign(la, lb) : sign(va, vb);
  }

  /** By {@code <} rather than Double.compare, so -0.0 and 0.0 tie as they do in {@link #dominates}. */
  private static int sign(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
}
