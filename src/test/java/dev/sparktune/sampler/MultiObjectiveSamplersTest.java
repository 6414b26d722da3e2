package dev.sparktune.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.bench.ParetoBenchmark;
import dev.sparktune.bench.Zdt;
import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NSGA-II and MOTPE learn: a larger hypervolume than random search on ZDT1 and ZDT2, and more
 * feasible proposals than random under a constraint that only an eighth of the space keeps.
 */
class MultiObjectiveSamplersTest {
  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[s.length / 2] + s[(s.length - 1) / 2]) / 2;
  }

  private static double medianHypervolume(Zdt p, String sampler) {
    double[] hv = new double[5];
    for (int seed = 0; seed < hv.length; seed++) hv[seed] = ParetoBenchmark.run(p, sampler, 10, 100, seed);
    return median(hv);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nsga2", "tpe"})
  void beatsRandomOnZdt(String sampler) {
    for (Zdt p : Zdt.values()) {
      double random = medianHypervolume(p, "random");
      double learnt = medianHypervolume(p, sampler);
      assertTrue(learnt > random * 1.03, p + ": " + sampler + " " + learnt + " vs random " + random);
      assertTrue(learnt < p.optimalHypervolume(new double[] {1.1, 11}), "no set beats the true front");
    }
  }

  /** Share of feasible results among the last 60 of 120 trials, with x + y ≤ 0.5 as the constraint. */
  private static double lateFeasibleShare(String sampler, long seed) {
    SearchSpace space = SearchSpace.of(FloatParam.of("x", 0, 1), FloatParam.of("y", 0, 1));
    Goals goals = new Goals("f1", List.of(new Goal("f1", Direction.MINIMIZE), new Goal("f2", Direction.MINIMIZE)),
        List.of(new Constraint("c", Constraint.Op.LE, 0.5)));
    Sampler s = Samplers.create(sampler, new Samplers.Options(seed, OptionalInt.empty())
        .withGoals(goals, Nsga2Settings.defaults()), space);
    InMemoryTrialStore store = new InMemoryTrialStore();
    int feasible = 0;
    for (int i = 0; i < 120; i++) {
      Assignment a = s.sample(space, store.toward(Direction.MINIMIZE), Rngs.forTrial(seed, i)).orElseThrow();
      double x = (Double) a.get("x");
      double y = (Double) a.get("y");
      // Two objectives pulling to opposite corners, both away from the feasible triangle's corner.
      double f1 = (x - 1) * (x - 1) + y * y;
      double f2 = x * x + (y - 1) * (y - 1);
      double c = x + y;
      if (i >= 60 && c <= 0.5) feasible++;
      Trial t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), new Outcome.Completed(f1, List.of(), 0, Map.of("f2", f2, "c", c)), Instant.EPOCH);
    }
    return feasible / 60.0;
  }

  @ParameterizedTest
  @ValueSource(strings = {"nsga2", "tpe"})
  void learnsWhereTheFeasibleRegionIs(String sampler) {
    double[] learnt = new double[5];
    double[] random = new double[5];
    for (int seed = 0; seed < 5; seed++) {
      learnt[seed] = lateFeasibleShare(sampler, seed);
      random[seed] = lateFeasibleShare("random", seed);
    }
    // Random keeps about 1/8 feasible; a sampler that learns from feasibility, far more.
    assertTrue(median(random) < 0.25, "random " + Arrays.toString(random));
    assertTrue(median(learnt) > 0.5, sampler + " " + Arrays.toString(learnt));
  }
}
