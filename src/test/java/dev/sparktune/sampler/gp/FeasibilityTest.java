package dev.sparktune.sampler.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FeasibilityTest {
  @Test
  void probabilityIsHighInsideTheLimitLowPastItAndAProductOverConstraints() {
    // Two constraints on a line: x <= 0.6 (slack x - 0.6) and x >= 0.2 (slack 0.2 - x).
    int n = 15;
    double[][] x = new double[n][];
    double[][] one = new double[n][];
    double[][] both = new double[n][];
    for (int i = 0; i < n; i++) {
      double u = i / (n - 1.0);
      x[i] = new double[] {u};
      one[i] = new double[] {u - 0.6};
      both[i] = new double[] {u - 0.6, 0.2 - u};
    }
    Feasibility upper = Feasibility.fit(x, one);
    assertTrue(upper.logProbability(new double[] {0.3}) > Math.log(0.95));
    assertTrue(upper.logProbability(new double[] {0.9}) < Math.log(0.05));
    assertTrue(Math.abs(upper.logProbability(new double[] {0.6}) - Math.log(0.5)) < 0.5, "about even at the limit");
    Feasibility band = Feasibility.fit(x, both);
    assertTrue(band.logProbability(new double[] {0.4}) > Math.log(0.9));
    assertTrue(band.logProbability(new double[] {0.05}) < Math.log(0.05), "the second constraint counts");
    assertTrue(band.logProbability(new double[] {0.95}) < Math.log(0.05));
  }

  @Test
  void anUnmeasuredValueCountsAsTheWorstSeen() {
    double[][] x = {{0.1}, {0.3}, {0.5}, {0.7}, {0.9}};
    double[][] slack = {{-0.5}, {-0.3}, {-0.1}, {0.1}, {Double.NaN}};
    Feasibility f = Feasibility.fit(x, slack);
    assertTrue(f.logProbability(new double[] {0.9}) < Math.log(0.2));
    double[][] none = {{Double.NaN}, {Double.NaN}, {Double.NaN}, {Double.NaN}, {Double.NaN}};
    assertEquals(0.0, Feasibility.fit(x, none).logProbability(new double[] {0.5}), "nothing measured, nothing learnt");
  }

  @Test
  void logCdfIsFiniteMonotoneAndContinuousWhereTheSeriesTakesOver() {
    double prev = Double.NEGATIVE_INFINITY;
    for (double z = -60; z <= 6; z += 0.25) {
      double l = Feasibility.logCdf(z);
      assertTrue(Double.isFinite(l) && l > prev, "log Φ not increasing/finite at " + z);
      prev = l;
    }
    assertEquals(Math.log(ExpectedImprovement.cdf(-5)), Feasibility.logCdf(-5 - 1e-9), 1e-3);
    assertEquals(Math.log(ExpectedImprovement.cdf(-7)), Feasibility.logCdf(-7), 2e-4);
  }
}
