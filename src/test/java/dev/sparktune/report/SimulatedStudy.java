package dev.sparktune.report;

import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Condition;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Study;
import dev.sparktune.testing.Curves;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Limited;
import dev.sparktune.testing.Simulation;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A simulated ASHA study on a space with every kind of param, a conditional one and a hostile
 * categorical value, in simulated time (milliseconds of real time): what the report tests draw.
 * Every 17th configuration fails with an error that holds markup; every trial gets a Spark cost.
 */
final class SimulatedStudy {
  static final String XSS = "<img src=x onerror=alert(1)>";
  static final String ERROR = "IllegalStateException: </script><script>alert(2)</script>";
  static final SearchSpace SPACE = SearchSpace.of(
      FloatParam.log("regParam", 1e-4, 1.0),
      FloatParam.of("elasticNetParam", 0.0, 1.0),
      IntParam.of("maxDepth", 2, 10),
      CategoricalParam.of("kind", "plain", XSS),
      FloatParam.of("mix", 0.0, 1.0).when(new Condition("kind", List.of("plain"))));

  private SimulatedStudy() {}

  static ReportData of(int configurations) {
    FakeClock clock = new FakeClock();
    InMemoryTrialStore store = new InMemoryTrialStore();
    Ladder ladder = new Ladder(Budget.dataFraction(1.0, 1.0), 1.0 / 9, 3);
    Study study = new Study(SPACE, new Limited(new RandomSampler(), configurations), new Asha(ladder, 1),
        Optional.empty(), Direction.MAXIMIZE, store, 3, clock);
    Simulation.run(study, clock, 4, (t, ctx) -> {
      if (t.configId() % 17 == 5) return new Outcome.Failed(ERROR);
      Map<String, Object> a = t.assignment().values();
      double r = Math.log10((Double) a.get("regParam"));
      double v = 0.95 - 0.02 * (r + 2.5) * (r + 2.5) - 0.01 * (Double) a.get("elasticNetParam")
          - (a.get("kind").equals("plain") ? 0.02 * (Double) a.get("mix") : 0.03)
          - 0.05 * (1 - Curves.share(ctx.budget())) + 0.002 * Curves.jitter(t.assignment());
      return Outcome.Completed.ofFolds(List.of(v - 0.004, v, v + 0.004), 1.0);
    }, Curves::seconds);
    for (Trial t : store.trials()) {
      long cpu = Math.round(Curves.seconds(t) * 900);
      store.recordCost(t.number(), new TrialCost(Map.of(0, new SparkCost(3, 24, cpu + 200, cpu, 30, 1 << 20, 1 << 19,
          0, 0, 8 << 20)), t.number() != 7));
    }
    return new ReportData("simulated <b>study</b>", "areaUnderROC", Direction.MAXIMIZE, "logistic-regression", 3,
        SPACE, store.trials(), store.costs(),
        Optional.of(new ReportData.End("reached " + configurations + " configurations", OptionalDouble.of(0.9412), 1234.5)),
        Instant.parse("2026-12-07T06:00:00Z"));
  }
}
