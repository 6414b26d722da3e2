package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrowdingTest {
  @Test
  void extremesAreInfiniteAndInnerPointsSumNormalisedGaps() {
    double[][] l = {{0, 4}, {1, 2}, {3, 1}, {4, 0}};
    double[] d = Crowding.distances(l, new int[] {0, 0, 0, 0});
    assertEquals(Double.POSITIVE_INFINITY, d[0]);
    assertEquals(Double.POSITIVE_INFINITY, d[3]);
    // (1,2): neighbours (0,4) and (3,1): (3-0)/4 + (4-1)/4 = 1.5; (3,1): (4-1)/4 + (2-0)/4 = 1.25
    assertEquals(1.5, d[1], 1e-12);
    assertEquals(1.25, d[2], 1e-12);
  }

  @Test
  void distancesAreWithinEachFront() {
    double[][] l = {{0, 4}, {2, 2}, {4, 0}, {1, 5}, {3, 3}, {5, 1}};
    double[] d = Crowding.distances(l, new int[] {0, 0, 0, 1, 1, 1});
    assertEquals(2.0, d[1], 1e-12);
    assertEquals(2.0, d[4], 1e-12);
    assertTrue(Double.isInfinite(d[3]) && Double.isInfinite(d[5]));
  }

  @Test
  void twoPointsOrFewerAreAllExtremes() {
    double[] d = Crowding.distances(new double[][] {{0, 1}, {1, 0}}, new int[] {0, 0});
    assertTrue(Double.isInfinite(d[0]) && Double.isInfinite(d[1]));
  }
}
