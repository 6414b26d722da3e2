package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DominanceTest {
  @Test
  void paretoDominanceNeedsNoWorseEverywhereAndBetterSomewhere() {
    assertTrue(Dominance.dominates(new double[] {1, 2}, new double[] {1, 3}));
    assertTrue(Dominance.dominates(new double[] {0, 0}, new double[] {1, 1}));
    assertFalse(Dominance.dominates(new double[] {1, 2}, new double[] {1, 2}), "equal points do not dominate");
    assertFalse(Dominance.dominates(new double[] {0, 3}, new double[] {1, 2}), "a trade-off is not dominance");
    assertFalse(Dominance.dominates(new double[] {1, 2}, new double[] {0, 3}));
  }

  @Test
  void feasibleBeatsInfeasibleWhateverTheObjectives() {
    double[] great = {0, 0};
    double[] poor = {9, 9};
    assertTrue(Dominance.dominates(poor, 0, great, 0.5), "feasible poor dominates infeasible great");
    assertFalse(Dominance.dominates(great, 0.5, poor, 0));
  }

  @Test
  void twoInfeasibleOnesCompareByViolationOnly() {
    assertTrue(Dominance.dominates(new double[] {9, 9}, 0.1, new double[] {0, 0}, 0.2));
    assertFalse(Dominance.dominates(new double[] {0, 0}, 0.2, new double[] {9, 9}, 0.1));
    assertFalse(Dominance.dominates(new double[] {0, 0}, 0.2, new double[] {9, 9}, 0.2));
  }

  @Test
  void twoFeasibleOnesCompareByPareto() {
    assertTrue(Dominance.dominates(new double[] {0, 0}, 0, new double[] {1, 1}, 0));
    assertFalse(Dominance.dominates(new double[] {0, 2}, 0, new double[] {1, 1}, 0));
  }

  @Test
  void debsOrderForOneObjectiveAgreesWithConstrainedDominance() {
    java.util.Random r = new java.util.Random(3);
    double[] values = {-1, -0.0, 0.0, 0.5, 2};
    double[] violations = {0, 0, 1e-12, 0.3, 0.3, 5};
    for (int k = 0; k < 2000; k++) {
      double la = values[r.nextInt(values.length)];
      double lb = values[r.nextInt(values.length)];
      double va = violations[r.nextInt(violations.length)];
      double vb = violations[r.nextInt(violations.length)];
      boolean dominates = Dominance.dominates(new double[] {la}, va, new double[] {lb}, vb);
      assertTrue(dominates == Dominance.compare(la, va, lb, vb) < 0, la + "," + va + " vs " + lb + "," + vb);
      assertTrue(Integer.signum(Dominance.compare(la, va, lb, vb)) == -Integer.signum(Dominance.compare(lb, vb, la, va)));
    }
    assertTrue(Dominance.compare(9, 0, -9, 0.1) < 0, "feasible first, however poor");
    assertTrue(Dominance.compare(-9, 0.2, 9, 0.1) > 0, "infeasible by violation alone");
  }
}
