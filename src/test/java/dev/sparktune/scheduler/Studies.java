package dev.sparktune.scheduler;

import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Study;
import dev.sparktune.testing.FakeClock;
import dev.sparktune.testing.Limited;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import java.util.Optional;

/** Studies on Branin with a random sampler limited to {@code configs} configurations. */
final class Studies {
  static final Ladder DATA = new Ladder(Budget.dataFraction(1.0, 1.0), 1.0 / 9, 3);

  private Studies() {}

  static Study of(Scheduler scheduler, int configs, FakeClock clock) {
    return of(scheduler, configs, clock, Optional.empty());
  }

  static Study of(Scheduler scheduler, int configs, FakeClock clock, Optional<FoldPruning> pruning) {
    return of(scheduler, configs, clock, pruning, Direction.MINIMIZE);
  }

  static Study of(Scheduler scheduler, int configs, FakeClock clock, Optional<FoldPruning> pruning,
      Direction direction) {
    return new Study(Objectives.BRANIN_SPACE, new Limited(new RandomSampler(), configs), scheduler, pruning,
        direction, new InMemoryTrialStore(), 11, clock);
  }
}
