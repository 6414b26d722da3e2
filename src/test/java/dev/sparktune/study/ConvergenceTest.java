package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.sampler.tpe.TpeSampler;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvergenceTest {
  private static final SearchSpace SPACE = SearchSpace.of(FloatParam.of("x", -1, 1), FloatParam.of("y", -1, 1));

  private static double bowl(Assignment a) {
    double x = (Double) a.get("x");
    double y = (Double) a.get("y");
    return x * x + y * y;
  }

  /** Five "fold" scores of a bowl, each with its own noise of standard deviation {@code noise}. */
  private static Objective noisyBowl(double noise, long seed) {
    return (a, ctx) -> {
      SplittableRandom rng = new SplittableRandom(seed ^ a.hashCode());
      List<Double> folds = new ArrayList<>();
      for (int k = 0; k < 5; k++) folds.add(bowl(a) + noise * gaussian(rng));
      return Outcome.Completed.ofFolds(folds, 0.1);
    };
  }

  private static double gaussian(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  private static StudyResult run(Objective objective, int maxTrials, boolean converge, long seed) {
    return run(new TpeSampler(TpeSettings.defaults(), seed), objective, maxTrials, converge, seed);
  }

  private static StudyResult run(dev.sparktune.sampler.Sampler sampler, Objective objective, int maxTrials,
      boolean converge, long seed) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    Study study = new Study(SPACE, sampler, Direction.MINIMIZE, store, seed, Clock.systemUTC());
    List<StopRule> rules = new ArrayList<>(List.of(new StopRule.MaxTrials(maxTrials)));
    if (converge) rules.add(new Convergence(SPACE, Direction.MINIMIZE, store, seed));
    return study.optimize(objective, rules, 1, StudyListener.NONE);
  }

  @Test
  void aNoisyScoreStopsTheStudyOnceTheBoundIsBelowTheNoiseAndSaysWhy() {
    StudyResult r = run(noisyBowl(0.05, 1), 150, true, 3);
    assertTrue(r.stopReason().startsWith("remaining improvement "), r.stopReason());
    assertTrue(r.stopReason().contains(" < CV std error "), r.stopReason());
    assertTrue(r.trials().size() >= Convergence.MIN_RESULTS && r.trials().size() < 150, "trials " + r.trials().size());
    // It stopped close to the true optimum of 0: within a few standard errors of the noise.
    double truth = bowl(r.best().orElseThrow().assignment());
    assertTrue(truth < 0.1, "true value of the best " + truth);
  }

  @Test
  void theBoundIsItsOwnModelSoARandomSearchStopsToo() {
    // Random points are sparse near the optimum, so the GP is sure of it later than under TPE.
    StudyResult r = run(new RandomSampler(), noisyBowl(0.15, 1), 150, true, 3);
    assertTrue(r.stopReason().startsWith("remaining improvement "), r.stopReason());
    assertTrue(r.trials().size() < 150, "trials " + r.trials().size());
  }

  @Test
  void anAlmostNoiselessScoreNeverConvergesSoTheBudgetRuns() {
    StudyResult r = run(noisyBowl(1e-7, 1), 40, true, 3);
    assertEquals("reached 40 trials", r.stopReason());
  }

  @Test
  void theSameStudyWithoutTheRuleRunsItsWholeBudget() {
    assertEquals(150, run(noisyBowl(0.05, 1), 150, false, 3).trials().size());
  }

  @Test
  void onlyFullBudgetResultsCountUnderASchedule() {
    InMemoryTrialStore store = new InMemoryTrialStore();
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 60; i++) {
      boolean full = i % 4 == 0;   // 15 at the top rung, 45 below it
      Budget b = full ? Budget.dataFraction(1, 1) : Budget.dataFraction(1.0 / 3, 1);
      Trial t = store.create(point(rng), b, dev.sparktune.trial.Lineage.root(i), java.time.Instant.EPOCH);
      store.finish(t.number(), Outcome.Completed.ofFolds(List.of(0.5, 0.6, 0.7), 1), java.time.Instant.EPOCH);
    }
    Convergence c = new Convergence(SPACE, Direction.MINIMIZE, store, 1);
    assertTrue(c.estimate().isEmpty(), "15 top-rung results are fewer than 20");
    for (int i = 60; i < 65; i++) {
      Trial t = store.create(point(rng), Budget.dataFraction(1, 1), dev.sparktune.trial.Lineage.root(i), java.time.Instant.EPOCH);
      store.finish(t.number(), Outcome.Completed.ofFolds(List.of(0.5, 0.6, 0.7), 1), java.time.Instant.EPOCH);
    }
    assertEquals(20, c.estimate().orElseThrow().results());
  }

  @Test
  void theStandardErrorIsTheSampleStdOfTheFoldsOverRootK() {
    Trial t = Trial.running(0, Assignment.of(Map.of("x", 0.0, "y", 0.0)), Budget.full(), java.time.Instant.EPOCH)
        .finish(Outcome.Completed.ofFolds(List.of(1.0, 2.0, 3.0, 4.0), 1), java.time.Instant.EPOCH);
    // sample std of 1..4 = sqrt(5/3); / sqrt(4)
    assertEquals(Math.sqrt(5.0 / 3) / 2, Convergence.standardError(t).getAsDouble(), 1e-12);
    Trial one = Trial.running(1, Assignment.of(Map.of("x", 0.0, "y", 0.0)), Budget.full(), java.time.Instant.EPOCH)
        .finish(Outcome.completed(1.0), java.time.Instant.EPOCH);
    assertTrue(Convergence.standardError(one).isEmpty(), "one score has no spread to compare with");
  }

  @Test
  void theCorrectedStandardErrorAddsTheOverlapOfTheTrainingSets() {
    Trial t = Trial.running(0, Assignment.of(Map.of("x", 0.0, "y", 0.0)), Budget.full(), java.time.Instant.EPOCH)
        .finish(Outcome.Completed.ofFolds(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 1), java.time.Instant.EPOCH);
    // Population variance of 1..5 is 2; (1/5 + 1/4) * 2 = 0.9.
    assertEquals(Math.sqrt(0.9), Convergence.correctedStandardError(t).getAsDouble(), 1e-12);
    // For k = 5 that is sqrt(1.8) = 1.34 times the sample std/sqrt(k).
    assertEquals(Math.sqrt(1.8), Convergence.correctedStandardError(t).getAsDouble() / Convergence.standardError(t).getAsDouble(),
        1e-12);
  }

  @Test
  void theReasonReadsAsTheReadmeSays() {
    assertEquals("remaining improvement 0.0004 < CV std error 0.0011 (after 37 results)",
        new Convergence.Estimate(37, 0.00041, 0.0011).reason());
    assertTrue(new Convergence.Estimate(37, 0.00041, 0.0011).converged());
    assertTrue(!new Convergence.Estimate(37, 0.0011, 0.0011).converged());
  }

  @Test
  void largerSpacesWaitForEightResultsPerParam() {
    assertEquals(20, Convergence.minResults(SPACE));
    List<dev.sparktune.space.Param> six = new ArrayList<>();
    for (int i = 0; i < 6; i++) six.add(FloatParam.of("p" + i, 0, 1));
    assertEquals(48, Convergence.minResults(new SearchSpace(six)));
  }

  private static Assignment point(SplittableRandom rng) {
    return Assignment.of(Map.of("x", rng.nextDouble(-1, 1), "y", rng.nextDouble(-1, 1)));
  }
}
