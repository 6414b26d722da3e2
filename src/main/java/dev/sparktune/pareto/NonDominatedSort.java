package dev.sparktune.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Non-dominated sorting (Deb et al. 2002): rank 0 is the Pareto front, rank 1 the front of what
 * is left, and so on. Under constrained domination every feasible result ranks before every
 * infeasible one, and infeasible ones rank among themselves by violation alone (equal violations
 * share a rank), as Optuna's constrained NSGA-II sorts them. O(m n²), fine for the few thousand
 * results of a study.
 */
public final class NonDominatedSort {
  private NonDominatedSort() {}

  /** Ranks without constraints. */
  public static int[] ranks(double[][] losses) {
    return ranks(losses, new double[losses.length]);
  }

  /**
   * @param losses one loss vector per result (smaller is better)
   * @param violations one summed violation per result; 0 = feasible
   * @return each result's rank, 0 = on the front
   */
  public static int[] ranks(double[][] losses, double[] violations) {
    int n = losses.length;
    int[] rank = new int[n];
    List<Integer> feasible = new ArrayList<>();
    List<Integer> infeasible = new ArrayList<>();
    for (int i = 0; i < n; i++) (violations[i] <= 0 ? feasible : infeasible).add(i);
    int fronts = paretoRanks(losses, feasible, rank);
    infeasible.sort((a, b) -> Double.compare(violations[a], violations[b]));
    int r = fronts - 1;
    double last = Double.NaN;
    for (int i : infeasible) {
      if (!(violations[i] == last)) r++;
      last = violations[i];
      rank[i] = r;
    }
    return rank;
  }

  /** Fast non-dominated sort of {@code members}; writes their ranks, returns the number of fronts. */
  private static int paretoRanks(double[][] losses, List<Integer> members, int[] rank) {
    int m = members.size();
    int[] dominatedBy = new int[m];
    List<List<Integer>> dominates = new ArrayList<>();
    for (int i = 0; i < m; i++) dominates.add(new ArrayList<>());
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double[] a = losses[members.get(i)];
        double[] b = losses[members.get(j)];
        if (Dominance.dominates(a, b)) {
          dominates.get(i).add(j);
          dominatedBy[j]++;
        } else if (Dominance.dominates(b, a)) {
          dominates.get(j).add(i);
          dominatedBy[i]++;
        }
      }
    }
    List<Integer> front = new ArrayList<>();
    for (int i = 0; i < m; i++) if (dominatedBy[i] == 0) front.add(i);
    int r = 0;
    while (!front.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : front) {
        rank[members.get(i)] = r;
        for (int j : dominates.get(i)) if (--dominatedBy[j] == 0) next.add(j);
      }
      front = next;
      r++;
    }
    return r;
  }

  /** The indices of rank-0 results. */
  public static int[] front(double[][] losses, double[] violations) {
    int[] rank = ranks(losses, violations);
    return java.util.stream.IntStream.range(0, rank.length).filter(i -> rank[i] == 0 && violations[i] <= 0).toArray();
  }

  /** Indices sorted by rank, then by larger crowding distance within a rank, then by index. */
  public static Integer[] order(int[] rank, double[] crowding) {
    Integer[] idx = new Integer[rank.length];
    for (int i = 0; i < idx.length; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> rank[a] != rank[b] ? Integer.compare(rank[a], rank[b])
        : crowding[a] != crowding[b] ? Double.compare(crowding[b], crowding[a]) : Integer.compare(a, b));
    return idx;
  }
}
