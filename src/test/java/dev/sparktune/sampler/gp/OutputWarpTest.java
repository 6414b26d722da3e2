package dev.sparktune.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputWarpTest {
  private static final double[] LOSSES = {5, 0.5, 40, 2, 1000, 7};

  @Test
  void everyWarpKeepsTheOrderOfTheLosses() {
    for (OutputWarp w : OutputWarp.CANDIDATES) {
      double[] t = w.apply(LOSSES);
      for (int i = 0; i < LOSSES.length; i++) {
        for (int j = 0; j < LOSSES.length; j++) {
          if (LOSSES[i] < LOSSES[j]) assertTrue(t[i] < t[j], () -> w + " reorders the losses");
        }
      }
    }
    assertArrayEquals(LOSSES, new OutputWarp(Double.POSITIVE_INFINITY).apply(LOSSES));
  }

  @Test
  void logSlopeIsTheLogOfTheWarpsDerivative() {
    // Moving the 40 (neither the minimum nor the median) leaves the warp itself unchanged.
    for (OutputWarp w : OutputWarp.CANDIDATES) {
      double h = 1e-6;
      double[] up = LOSSES.clone();
      up[2] += h;
      double slope = (w.apply(up)[2] - w.apply(LOSSES)[2]) / h;
      assertEquals(Math.log(slope), w.logSlope(w.apply(LOSSES)[2]), 1e-4, w::toString);
    }
  }

  @Test
  void theDataChooseAStrongLogForLossesSpanningDecadesAndNoneForASmoothBowl() {
    int n = 25;
    double[][] x = new double[n][];
    double[] decades = new double[n];
    double[] bowl = new double[n];
    for (int i = 0; i < n; i++) {
      double u = (i * 0.618034) % 1;   // spread over [0, 1) in no particular order
      x[i] = new double[] {u};
      decades[i] = Math.exp(12 * u);          // a straight line after a log
      bowl[i] = (u - 0.3) * (u - 0.3);        // a log would put a cusp at its minimum
    }
    double strong = Surrogate.fit(x, decades).warp().share();
    double weak = Surrogate.fit(x, bowl).warp().share();
    assertTrue(strong <= 0.1, () -> "share chosen for exp(12u): " + strong);
    assertTrue(weak >= 10, () -> "share chosen for (u - 0.3)^2: " + weak);
  }
}
