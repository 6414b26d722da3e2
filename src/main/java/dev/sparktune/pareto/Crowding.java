package dev.sparktune.pareto;

import java.util.Arrays;

/**
 * Crowding distance (Deb et al. 2002): for each result of one front, the sum over objectives of
 * the gap between its two neighbours, normalised by that objective's range on the front. The
 * extremes get +∞, so they always survive. Prefers results in sparse stretches of the front, which
 * keeps a population spread along it instead of piling onto one trade-off.
 */
public final class Crowding {
  private Crowding() {}

  /**
   * @param losses loss vectors (smaller is better)
   * @param rank each result's front (from {@link NonDominatedSort}); distances are within a front
   * @return one distance per result
   */
  public static double[] distances(double[][] losses, int[] rank) {
    int n = losses.length;
    double[] d = new double[n];
    if (n == 0) return d;
    int fronts = Arrays.stream(rank).max().orElse(-1) + 1;
    for (int f = 0; f < fronts; f++) {
      final int front = f;
      int[] members = java.util.stream.IntStream.range(0, n).filter(i -> rank[i] == front).toArray();
      distancesWithin(losses, members, d);
    }
    return d;
  }

  private static void distancesWithin(double[][] losses, int[] members, double[] d) {
    int m = members.length;
    if (m == 0) return;
    if (m <= 2) {
      for (int i : members) d[i] = Double.POSITIVE_INFINITY;
      return;
    }
    int objectives = losses[members[0]].length;
    for (int k = 0; k < objectives; k++) {
      final int obj = k;
      Integer[] sorted = Arrays.stream(members).boxed()
          .sorted((a, b) -> a.equals(b) ? 0 : losses[a][obj] != losses[b][obj]
              ? Double.compare(losses[a][obj], losses[b][obj]) : Integer.compare(a, b))
          .toArray(Integer[]::new);
      double lo = losses[sorted[0]][k];
      double hi = losses[sorted[m - 1]][k];
      d[sorted[0]] = Double.POSITIVE_INFINITY;
      d[sorted[m - 1]] = Double.POSITIVE_INFINITY;
      if (!(hi > lo)) continue;
      for (int i = 1; i < m - 1; i++) {
        d[sorted[i]] += (losses[sorted[i + 1]][k] - losses[sorted[i - 1]][k]) / (hi - lo);
      }
    }
  }
}
