package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectionTest {
  static List<Trial> trials(double[][] aucSecondsSize) {
    List<Trial> out = new ArrayList<>();
    for (double[] r : aucSecondsSize) {
      int n = out.size();
      Trial t = Trial.running(n, Assignment.of(Map.of("x", (double) n)), Budget.full(), Instant.EPOCH);
      out.add(t.finish(GoalsTest.result(r[0], r[1], r[2]), Instant.EPOCH));
    }
    return out;
  }

  // trial: auc, seconds, size
  static final double[][] STUDY = {
      {0.950, 50, 100},   // 0 front: the top AUC
      {0.949, 10, 100},   // 1 front: 0.001 below the top, 5x faster
      {0.946, 5, 100},    // 2 front: 0.004 below
      {0.960, 70, 100},   // 3 best AUC but breaks fit-seconds < 60
      {0.940, 20, 100},   // 4 dominated by 1
      {0.955, 30, 50000}, // 5 breaks model-size
  };

  @Test
  void theFrontHoldsFeasibleNonDominatedResultsOnly() {
    Ranking r = Ranking.atFullBudget(trials(STUDY), GoalsTest.AUC_AND_TIME);
    assertEquals(java.util.Set.of(0, 1, 2), r.frontNumbers());
  }

  @Test
  void withinATolerancePrefersTheLeastFitTime() {
    Ranking r = Ranking.atFullBudget(trials(STUDY), GoalsTest.AUC_AND_TIME);
    assertEquals(1, new Selection(0.002, Optional.of("fit-seconds")).choose(r, GoalsTest.AUC_AND_TIME).orElseThrow().number());
    assertEquals(2, new Selection(0.005, Optional.empty()).choose(r, GoalsTest.AUC_AND_TIME).orElseThrow().number());
    assertEquals(0, Selection.best().choose(r, GoalsTest.AUC_AND_TIME).orElseThrow().number(),
        "nothing traded: the top AUC, and never the infeasible 0.960");
  }

  @Test
  void noFeasibleResultMeansNoChoice() {
    Ranking r = Ranking.atFullBudget(trials(new double[][] {{0.9, 100, 1}, {0.95, 61, 1}}), GoalsTest.AUC_AND_TIME);
    assertTrue(r.front().isEmpty());
    assertTrue(Selection.best().choose(r, GoalsTest.AUC_AND_TIME).isEmpty());
  }
}
