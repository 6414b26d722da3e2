package dev.sparktune.sampler;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

/** Runs a sampler for tests: a sequential study on an analytic objective, in memory. */
public final class SamplerTesting {
  private SamplerTesting() {}

  public static InMemoryTrialStore run(Sampler s, SearchSpace space, ToDoubleFunction<Assignment> f,
      Direction direction, int trials, long seed) {
    InMemoryTrialStore store = new InMemoryTrialStore();
    for (int i = 0; i < trials; i++) {
      Assignment a = s.sample(space, store.toward(direction), Rngs.forTrial(seed, i)).orElseThrow();
      Trial t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), Outcome.completed(f.applyAsDouble(a)), Instant.EPOCH);
    }
    return store;
  }

  public static double x(Assignment a) {
    return (Double) a.get("x");
  }
}
