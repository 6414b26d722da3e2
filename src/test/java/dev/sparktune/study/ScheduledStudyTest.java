package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Fifo;
import dev.sparktune.scheduler.Hyperband;
import dev.sparktune.scheduler.MedianStopping;
import dev.sparktune.scheduler.SuccessiveHalving;
import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The study loop under multi-fidelity schedules, with real threads. */
class ScheduledStudyTest {
  private static final Ladder DATA = new Ladder(Budget.dataFraction(1, 1), 1.0 / 9, 3);

  private static Study study(dev.sparktune.scheduler.Scheduler scheduler, Optional<FoldPruning> pruning) {
    return new Study(Objectives.BRANIN_SPACE, new RandomSampler(), scheduler, pruning, Direction.MINIMIZE,
        new InMemoryTrialStore(), 5, Clock.systemUTC());
  }

  private static Objective branin() {
    return (a, ctx) -> Curves.branin(Trial.running(ctx.trialNumber(), a, ctx.budget(), java.time.Instant.EPOCH), ctx);
  }

  @Test
  void maxTrialsCountsConfigurationsAndTheirPromotionsFinish() {
    StudyResult r = study(new Asha(DATA, 1), Optional.empty())
        .optimize(branin(), List.of(new StopRule.MaxTrials(30)), 3, StudyListener.NONE);
    assertEquals("reached 30 trials", r.stopReason());
    assertEquals(30, r.trials().stream().filter(t -> t.lineage().isRoot()).count());
    assertTrue(r.trials().size() > 30, "promotions are extra evaluations: " + r.trials().size());
    assertTrue(r.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    Trial best = r.best().orElseThrow();
    assertTrue(best.budget().isFull());
    assertEquals(2, best.rung());
  }

  @Test
  void synchronousSchedulesWaitAtTheirBarriersAndFinish() {
    for (var scheduler : List.of(new SuccessiveHalving(DATA), new Hyperband(DATA), new MedianStopping(DATA))) {
      StudyResult r = study(scheduler, Optional.empty())
          .optimize(branin(), List.of(new StopRule.MaxTrials(20)), 3, StudyListener.NONE);
      assertEquals("reached 20 trials", r.stopReason(), scheduler.name());
      assertEquals(20, r.trials().stream().filter(t -> t.lineage().isRoot()).count(), scheduler.name());
      assertTrue(r.trials().stream().noneMatch(t -> t.state() == TrialState.RUNNING), scheduler.name());
      assertTrue(r.best().orElseThrow().budget().isFull(), scheduler.name());
    }
  }

  @Test
  void foldsBudgetCarriesTheFoldsAlreadyMeasured() {
    Ladder folds = new Ladder(Budget.folds(3, 3), 1, 3);
    Map<Integer, Map<Integer, Double>> known = new ConcurrentHashMap<>();
    Objective threeFolds = (a, ctx) -> {
      known.put(ctx.trialNumber(), ctx.knownFolds());
      Map<Integer, Double> values = new HashMap<>(ctx.knownFolds());
      double v = Objectives.branin(a);
      for (int f = 0; f < ctx.budget().whole(); f++) values.putIfAbsent(f, v + f);
      return Outcome.Completed.ofFolds(values, 0);
    };
    StudyResult r = study(new Asha(folds, 1), Optional.empty())
        .optimize(threeFolds, List.of(new StopRule.MaxTrials(9)), 1, StudyListener.NONE);
    for (Trial t : r.trials()) {
      if (t.lineage().isRoot()) {
        assertEquals(Map.of(), known.get(t.number()));
      } else {
        Trial parent = r.trials().get(t.lineage().parent());
        assertEquals(((Outcome.Completed) parent.outcome().orElseThrow()).foldMap(), known.get(t.number()));
        assertEquals(3, ((Outcome.Completed) t.outcome().orElseThrow()).folds().size());
      }
    }
  }

  /**
   * f(x) = 0.9 - 2x(1 - x) + 0.15x plus a fold offset: x = 0 is good and runs first, the middle
   * of the grid is clearly worse, and the best, x = 1, runs last.
   */
  @Test
  void foldPruningStopsBadConfigurationsAndNeverTheBest() {
    SearchSpace space = SearchSpace.of(FloatParam.of("x", 0, 1));
    double[] offsets = {0.0, -0.05, 0.03};
    Objective folded = (a, ctx) -> {
      double x = (Double) a.get("x");
      Map<Integer, Double> values = new HashMap<>();
      for (int f = 0; f < 3; f++) {
        values.put(f, 0.9 - 2 * x * (1 - x) + 0.15 * x + offsets[f]);
        if (f < 2 && ctx.monitor().shouldPrune(ctx.trialNumber(), Map.copyOf(values))) {
          return new Outcome.Pruned(values, "pruned after " + values.size() + " folds");
        }
      }
      return Outcome.Completed.ofFolds(values, 0);
    };
    Study s = new Study(space, new GridSampler(OptionalInt.of(11)), new Fifo(), Optional.of(FoldPruning.defaults()),
        Direction.MAXIMIZE, new InMemoryTrialStore(), 1, Clock.systemUTC());
    StudyResult r = s.optimize(folded, List.of(new StopRule.MaxTrials(11)), 1, StudyListener.NONE);
    Map<Double, TrialState> byX = new HashMap<>();
    for (Trial t : r.trials()) byX.put((Double) t.assignment().get("x"), t.state());
    assertEquals(1.0, (Double) r.best().orElseThrow().assignment().get("x"), 1e-9);
    assertEquals(TrialState.COMPLETE, byX.get(1.0));
    // 0.9 is 0.045 worse than x = 0 on every fold: within the fold spread (0.04 · 2), so it runs.
    assertEquals(TrialState.COMPLETE, byX.get(0.9));
    for (double x : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}) assertEquals(TrialState.PRUNED, byX.get(x), "x = " + x);
  }
}
