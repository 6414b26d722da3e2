package dev.sparktune.sampler.tpe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParzenEstimatorTest {
  private static final double[][] ROWS = {{0.2, 0.125}, {0.25, 0.125}, {0.9, 0.875}};

  private static ParzenEstimator fitted() {
    return new ParzenEstimator(ROWS, new double[] {1, 1, 1}, new int[] {0, 1}, new int[] {0, 4},
        new double[] {0.01, 0.25}, 1.0, ROWS.length);
  }

  @Test
  void isADensityOnTheCube() {
    ParzenEstimator pe = fitted();
    // Integrate over x in [0,1] (midpoint rule) and sum over the 4 categories of coordinate 1.
    double total = 0;
    int steps = 4000;
    for (int c = 0; c < 4; c++) {
      for (int i = 0; i < steps; i++) {
        total += Math.exp(pe.logPdf(new double[] {(i + 0.5) / steps, (c + 0.5) / 4})) / steps;
      }
    }
    assertEquals(1.0, total, 1e-3);
  }

  @Test
  void samplesStayInTheCubeAndFollowTheData() {
    ParzenEstimator pe = fitted();
    SplittableRandom rng = new SplittableRandom(5);
    int near = 0;
    for (int i = 0; i < 2000; i++) {
      double[] x = pe.sample(new double[2], rng);
      assertTrue(x[0] >= 0 && x[0] <= 1);
      assertTrue(x[1] == 0.125 || x[1] == 0.375 || x[1] == 0.625 || x[1] == 0.875, () -> "category cell " + x[1]);
      if (x[0] < 0.35) near++;
    }
    // Two of the three observations sit near 0.2: far more draws below 0.35 than the 700 of uniform ones.
    int n = near;
    assertTrue(n > 850, () -> "near the cluster: " + n);
  }

  @Test
  void fastNormalCdfIsAccurate() {
    for (double z = -6; z <= 6; z += 0.25) {
      double exact = 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2));
      assertEquals(exact, ParzenEstimator.fastPhi(z), 2e-7);
    }
  }
}
