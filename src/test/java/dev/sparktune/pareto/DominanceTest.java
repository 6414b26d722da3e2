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
}
