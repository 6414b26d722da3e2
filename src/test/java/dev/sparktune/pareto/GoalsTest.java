package dev.sparktune.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoalsTest {
  static final Goals AUC_AND_TIME = new Goals("areaUnderROC",
      List.of(new Goal("areaUnderROC", Direction.MAXIMIZE), new Goal("fit-seconds", Direction.MINIMIZE)),
      List.of(new Constraint("fit-seconds", Constraint.Op.LT, 60), new Constraint("model-size", Constraint.Op.LE, 20000)));

  static Outcome.Completed result(double auc, double seconds, double size) {
    return new Outcome.Completed(auc, List.of(auc), seconds, Map.of("fit-seconds", seconds, "model-size", size));
  }

  @Test
  void valuesComeFromTheScoreAndTheMeasuresByName() {
    Outcome.Completed c = result(0.9, 12, 300);
    assertArrayEquals(new double[] {0.9, 12}, AUC_AND_TIME.values(c));
    assertArrayEquals(new double[] {-0.9, 12}, AUC_AND_TIME.losses(c), "larger-is-better turned into a loss");
    assertTrue(Double.isNaN(AUC_AND_TIME.value(c, "predict-latency")));
  }

  @Test
  void feasibilityAndViolation() {
    assertTrue(AUC_AND_TIME.feasible(result(0.9, 59.9, 20000)), "<= holds at the limit");
    assertFalse(AUC_AND_TIME.feasible(result(0.9, 60, 100)), "< does not");
    assertEquals(0.0, AUC_AND_TIME.violation(result(0.9, 10, 100)));
    // 90 s is 50 % over 60; 30000 nodes 50 % over 20000: relative, so they weigh the same.
    assertEquals(1.0, AUC_AND_TIME.violation(result(0.9, 90, 30000)), 1e-9);
    assertEquals(List.of(AUC_AND_TIME.constraints().get(1)), AUC_AND_TIME.broken(result(0.9, 10, 30000)));
    assertEquals("fit-seconds < 60", AUC_AND_TIME.constraints().get(0).toString());
  }

  @Test
  void anUnmeasuredObjectiveOrConstrainedValueIsInfeasible() {
    Outcome.Completed old = new Outcome.Completed(0.9, List.of(0.9), 1.0);
    assertFalse(AUC_AND_TIME.feasible(old));
    assertEquals(Double.POSITIVE_INFINITY, AUC_AND_TIME.violation(old));
    assertEquals(Double.MAX_VALUE, AUC_AND_TIME.rankedViolation(old), "ranked last, but finite");
  }

  @Test
  void rankedViolationIsZeroExactlyWhenFeasible() {
    assertEquals(0.0, AUC_AND_TIME.rankedViolation(result(0.9, 59.9, 20000)));
    assertTrue(AUC_AND_TIME.rankedViolation(result(0.9, 60, 100)) > 0, "at a strict limit: infeasible, by a hair");
    assertEquals(1.0, AUC_AND_TIME.rankedViolation(result(0.9, 90, 30000)), 1e-9);
  }

  @Test
  void slackIsSignedAndRelativeAndTheViolationIsItsPositivePart() {
    Constraint lt = new Constraint("fit-seconds", Constraint.Op.LT, 60);
    Constraint ge = new Constraint("areaUnderROC", Constraint.Op.GE, 0.8);
    assertEquals(0.5, lt.slack(90), 1e-12);
    assertEquals(-0.5, lt.slack(30), 1e-12, "inside the limit by half of it");
    assertEquals(-0.125, ge.slack(0.9), 1e-12);
    assertEquals(0.125, ge.slack(0.7), 1e-12);
    assertEquals(lt.slack(90), lt.violation(90), 1e-9);
    assertEquals(0.0, lt.violation(30));
    assertTrue(Double.isNaN(lt.slack(Double.NaN)));
  }

  @Test
  void anObjectiveGivenTwiceIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Goals("a",
        List.of(new Goal("a", Direction.MAXIMIZE), new Goal("a", Direction.MINIMIZE)), List.of()));
  }

  @Test
  void oneObjectiveIsTheCommonCase() {
    Goals g = Goals.single("rmse", Direction.MINIMIZE);
    assertFalse(g.beyondOneScore());
    assertTrue(AUC_AND_TIME.several());
  }
}
