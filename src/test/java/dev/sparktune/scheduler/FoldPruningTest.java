package dev.sparktune.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.FoldMonitor;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldPruningTest {
  private final FoldPruning pruning = FoldPruning.defaults();

  /** Folds differ in difficulty (0.90, 0.80, 0.85) far more than the configurations differ. */
  private static final List<Double> INCUMBENT = List.of(0.90, 0.80, 0.85);

  private static FoldMonitor monitorAgainstIncumbent(InMemoryTrialStore store) {
    store.create(Assignment.of(Map.of("x", 0.0)), Budget.full(), Instant.EPOCH);
    store.finish(0, Outcome.Completed.ofFolds(INCUMBENT, 1), Instant.EPOCH);
    Trial candidate = store.create(Assignment.of(Map.of("x", 1.0)), Budget.full(), Instant.EPOCH);
    return FoldPruning.defaults().monitor(candidate, store.toward(Direction.MAXIMIZE));
  }

  @Test
  void aClearlyWorseFirstFoldIsPruned() {
    FoldMonitor m = monitorAgainstIncumbent(new InMemoryTrialStore());
    // sd of the incumbent's folds is 0.05, so one fold must be 2·0.05 worse than its pair.
    assertTrue(m.shouldPrune(1, Map.of(0, 0.70)));
    assertTrue(m.shouldPrune(1, Map.of(1, 0.65)));
    assertFalse(m.shouldPrune(1, Map.of(0, 0.82)), "0.08 worse is within the fold noise");
    assertTrue(m.shouldPrune(1, Map.of(0, 0.83, 2, 0.77)), "two folds 0.075 worse: bound 2·0.05/√2 = 0.071");
  }

  @Test
  void neverPrunesTheEventualBestWhateverTheOrderItsFoldsFinishIn() {
    // Better than the incumbent on average (0.8733 > 0.85) but worse on fold 0, the first to finish.
    List<Double> best = List.of(0.84, 0.84, 0.94);
    FoldMonitor m = monitorAgainstIncumbent(new InMemoryTrialStore());
    for (List<Integer> order : List.of(List.of(0, 1, 2), List.of(1, 0, 2), List.of(0, 2, 1), List.of(2, 1, 0))) {
      Map<Integer, Double> soFar = new HashMap<>();
      for (int f : order) {
        soFar.put(f, best.get(f));
        assertFalse(m.shouldPrune(1, Map.copyOf(soFar)), "order " + order + " after " + soFar);
      }
    }
  }

  @Test
  void noIncumbentNoPruningAndNeverAtTheLastFold() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Trial first = store.create(Assignment.of(Map.of("x", 0.0)), Budget.full(), Instant.EPOCH);
    assertEquals(FoldMonitor.NONE, pruning.monitor(first, store.toward(Direction.MAXIMIZE)));
    FoldMonitor m = monitorAgainstIncumbent(new InMemoryTrialStore());
    assertFalse(m.shouldPrune(1, Map.of(0, 0.1, 1, 0.1, 2, 0.1)), "all folds in: nothing left to save");
  }

  @Test
  void theIncumbentIsAtTheSameDataBudget() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    store.create(Assignment.of(Map.of("x", 0.0)), Budget.dataFraction(0.25, 1), Instant.EPOCH);
    store.finish(0, Outcome.Completed.ofFolds(List.of(0.99, 0.99, 0.98), 1), Instant.EPOCH);
    Trial full = store.create(Assignment.of(Map.of("x", 1.0)), Budget.dataFraction(1, 1), Instant.EPOCH);
    assertEquals(FoldMonitor.NONE, pruning.monitor(full, store.toward(Direction.MAXIMIZE)));
  }
}
