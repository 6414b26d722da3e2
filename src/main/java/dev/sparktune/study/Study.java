package dev.sparktune.study;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.TrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ask/tell facade over a search space, a sampler and a trial store, plus
 * {@link #optimize} to drive any {@link Objective} with many trials in flight. Thread-safe.
 */
public final class Study {
  private final SearchSpace space;
  private final Sampler sampler;
  private final Direction direction;
  private final TrialStore store;
  private final long seed;
  private final Clock clock;
  private final Instant created;

  public Study(SearchSpace space, Sampler sampler, Direction direction, TrialStore store, long seed, Clock clock) {
    this.space = Objects.requireNonNull(space);
    this.sampler = Objects.requireNonNull(sampler);
    this.direction = Objects.requireNonNull(direction);
    this.store = Objects.requireNonNull(store);
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock);
    this.created = clock.instant();
  }

  /** Starts a new trial at the full budget, or returns empty if the sampler has nothing left. */
  public synchronized Optional<Trial> ask() {
    int number = store.trials().size();
    return sampler.sample(space, store, Rngs.forTrial(seed, number))
        .map(a -> store.create(a, Budget.full(), clock.instant()));
  }

  /** Records the outcome of a running trial. */
  public synchronized Trial tell(int number, Outcome outcome) {
    return store.finish(number, outcome, clock.instant());
  }

  public List<Trial> trials() {
    return store.trials();
  }

  public Optional<Trial> best() {
    return store.best(direction);
  }

  public Direction direction() {
    return direction;
  }

  public SearchSpace space() {
    return space;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Runs trials of {@code objective}, {@code parallelism} at a time, until a stop rule fires or
   * the sampler runs out. A trial that throws is recorded FAILED and the study goes on.
   */
  public StudyResult optimize(Objective objective, List<StopRule> stopRules, int parallelism, StudyListener listener) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    return new StudyLoop(this, objective, List.copyOf(stopRules), parallelism, listener).run();
  }

  /** Progress so far, measured from {@code since}. */
  public StudyStatus status(Instant since) {
    List<Trial> all = store.trials();
    int running = 0;
    int completed = 0;
    int failed = 0;
    for (Trial t : all) {
      if (t.state() == TrialState.RUNNING) running++;
      else if (t.state() == TrialState.COMPLETE) completed++;
      else failed++;
    }
    return new StudyStatus(all.size(), running, completed, failed, Duration.between(since, clock.instant()),
        store.best(direction), sinceImprovement(all));
  }

  /** Completed trials, in the order they finished, since the last one that improved the best. */
  private int sinceImprovement(List<Trial> all) {
    List<Trial> done = all.stream().filter(t -> t.state() == TrialState.COMPLETE && t.budget().isFull())
        .sorted(Comparator.comparing((Trial t) -> t.finished().orElseThrow()).thenComparingInt(Trial::number))
        .toList();
    int since = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (Trial t : done) {
      double v = direction.signed(t.value().getAsDouble());
      if (v > best) {
        best = v;
        since = 0;
      } else {
        since++;
      }
    }
    return since;
  }

  Instant created() {
    return created;
  }
}
