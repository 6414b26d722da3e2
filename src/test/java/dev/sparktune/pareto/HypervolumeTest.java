package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HypervolumeTest {
  @Test
  void twoDimensionsByHand() {
    double[][] p = {{1, 3}, {2, 2}, {3, 1}};
    // Against (4, 4): strips 3×1 + 2×1 + 1×1 under the staircase = 3 + 2 + 1 = 6.
    assertEquals(6.0, Hypervolume.of(p, new double[] {4, 4}), 1e-12);
  }

  @Test
  void dominatedDuplicateAndOutsidePointsAddNothing() {
    double[][] p = {{1, 3}, {2, 2}, {3, 1}, {3, 3}, {2, 2}, {5, 0}, {0, 7}};
    assertEquals(6.0, Hypervolume.of(p, new double[] {4, 4}), 1e-12);
    assertEquals(0.0, Hypervolume.of(new double[0][], new double[] {4, 4}));
  }

  @Test
  void threeDimensionsMatchTheUnionOfBoxes() {
    // Two boxes [1,4]x[1,4]x[2,4] (vol 18) and [2,4]x[2,4]x[1,4] (vol 12), overlap [2,4]^2x[2,4] (8): 22.
    double[][] p = {{1, 1, 2}, {2, 2, 1}};
    assertEquals(22.0, Hypervolume.of(p, new double[] {4, 4, 4}), 1e-12);
  }

  @Test
  void agreesWithMonteCarloInThreeDimensions() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] p = new double[12][3];
    for (double[] x : p) for (int j = 0; j < 3; j++) x[j] = rng.nextDouble();
    double[] ref = {1, 1, 1};
    int hits = 0;
    int n = 200_000;
    for (int s = 0; s < n; s++) {
      double[] y = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
      for (double[] x : p) {
        if (x[0] <= y[0] && x[1] <= y[1] && x[2] <= y[2]) {
          hits++;
          break;
        }
      }
    }
    assertEquals((double) hits / n, Hypervolume.of(p, ref), 0.005);
  }

  @Test
  void contributionsAreExclusive() {
    double[][] p = {{1, 3}, {2, 2}, {3, 1}, {3, 3}};
    assertArrayEquals(new double[] {1, 1, 1, 0}, Hypervolume.contributions(p, new double[] {4, 4}), 1e-12);
  }
}
