package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NonDominatedSortTest {
  @Test
  void ranksAreFrontsPeeledOneAfterAnother() {
    double[][] l = {{1, 5}, {2, 2}, {5, 1}, {3, 3}, {6, 6}, {2, 6}, {4, 4}};
    // front 0: (1,5) (2,2) (5,1); front 1: (3,3) (2,6); front 2: (4,4); front 3: (6,6)
    assertArrayEquals(new int[] {0, 0, 0, 1, 3, 1, 2}, NonDominatedSort.ranks(l));
  }

  @Test
  void infeasibleResultsRankAfterEveryFeasibleOneByViolation() {
    double[][] l = {{0, 0}, {5, 5}, {6, 6}, {1, 9}, {0, 1}};
    double[] v = {0.3, 0, 0, 0.1, 0.3};
    int[] r = NonDominatedSort.ranks(l, v);
    // Feasible: (5,5) rank 0, (6,6) rank 1. Infeasible: 0.1 → 2, the two at 0.3 share rank 3.
    assertArrayEquals(new int[] {3, 0, 1, 2, 3}, r);
    assertArrayEquals(new int[] {1}, NonDominatedSort.front(l, v));
  }

  @Test
  void noResultIsDominatedByOneOfTheSameOrALaterRank() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] l = new double[200][3];
    for (double[] p : l) for (int j = 0; j < 3; j++) p[j] = rng.nextDouble();
    int[] r = NonDominatedSort.ranks(l);
    for (int i = 0; i < l.length; i++) {
      for (int j = 0; j < l.length; j++) {
        if (Dominance.dominates(l[j], l[i])) assertTrue(r[j] < r[i], i + " dominated by " + j);
      }
      // And each result of rank k > 0 has a dominator of rank k - 1.
      if (r[i] > 0) {
        final int at = i;
        assertTrue(java.util.stream.IntStream.range(0, l.length)
            .anyMatch(j -> r[j] == r[at] - 1 && Dominance.dominates(l[j], l[at])), "rank of " + i);
      }
    }
  }

  @Test
  void orderIsRankThenCrowdingThenIndex() {
    Integer[] o = NonDominatedSort.order(new int[] {1, 0, 0, 1}, new double[] {5, 1, Double.POSITIVE_INFINITY, 5});
    assertArrayEquals(new Integer[] {2, 1, 0, 3}, o);
    assertEquals(4, o.length);
  }
}
