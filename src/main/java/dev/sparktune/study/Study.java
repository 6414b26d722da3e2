package dev.sparktune.study;

import dev.sparktune.objective.FoldLog;
import dev.sparktune.objective.FoldMonitor;
import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.sampler.DistinctSampler;
import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.scheduler.Action;
import dev.sparktune.scheduler.Fifo;
import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.scheduler.Snapshot;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.TrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntSupplier;

/**
 * The ask/tell facade over a search space, a sampler, a scheduler and a trial store, plus
 * {@link #optimize} to drive any {@link Objective} with many trials in flight. Thread-safe.
 *
 * <p>The scheduler decides what runs next (a new configuration at some budget, or a promotion);
 * only for a new configuration is the sampler asked, so samplers know nothing of schedules.
 */
public final class Study {
  /** What {@link #step} did: started a trial, or has nothing to start now, or ever. */
  sealed interface Step permits Started, Waiting, Done {}

  record Started(Trial trial, String reason) implements Step {}

  record Waiting(String reason) implements Step {}

  record Done(String reason) implements Step {}

  static final String SAMPLER_EXHAUSTED = "the sampler has no more configurations";

  private final SearchSpace space;
  private final DistinctSampler sampler;
  private final Scheduler scheduler;
  private final Optional<FoldPruning> pruning;
  private final Direction direction;
  private final TrialStore store;
  private final long seed;
  private final Clock clock;
  private final Instant created;
  private final StatusTally progress;
  // Not trial data: replaying the same history into the same sampler exhausts it again.
  private boolean samplerExhausted;
  private String exhaustedReason = SAMPLER_EXHAUSTED;
  // Trials a resumed store holds as running (their driver died) or cancelled (their study
  // stopped): they run again first.
  private final Deque<Trial> interrupted;
  // Values reported by running trials of an ask/tell caller (stores in memory keep no fold scores).
  private final Map<Integer, Map<Integer, Double>> reported = new java.util.HashMap<>();

  /** Every configuration at the full budget (fifo), no fold pruning. */
  public Study(SearchSpace space, Sampler sampler, Direction direction, TrialStore store, long seed, Clock clock) {
    this(space, sampler, new Fifo(), Optional.empty(), direction, store, seed, clock);
  }

  /** @param pruning fold-level pruning against the incumbent, or empty for none */
  public Study(SearchSpace space, Sampler sampler, Scheduler scheduler, Optional<FoldPruning> pruning,
      Direction direction, TrialStore store, long seed, Clock clock) {
    this.space = Objects.requireNonNull(space);
    // Every sampler, minus repeats: no trial is spent on a configuration the study already has.
    this.sampler = DistinctSampler.of(Objects.requireNonNull(sampler));
    this.scheduler = Objects.requireNonNull(scheduler);
    this.pruning = Objects.requireNonNull(pruning);
    this.direction = Objects.requireNonNull(direction);
    this.store = Objects.requireNonNull(store);
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock);
    this.created = clock.instant();
    this.progress = new StatusTally(direction, scheduler.ladder());
    this.interrupted = new ArrayDeque<>(store.trials().stream().filter(t -> t.state().rerunOnResume()).toList());
  }

  /**
   * Starts what the scheduler says runs next, or returns empty if it has nothing to start now
   * (synchronous halving waiting for its round; tell first) or the sampler has nothing left.
   */
  public synchronized Optional<Trial> ask() {
    return step(false) instanceof Started s ? Optional.of(s.trial()) : Optional.empty();
  }

  /** @param noNewConfigurations true once a stop rule forbids new configurations (promotions go on) */
  synchronized Step step(boolean noNewConfigurations) {
    // Before asking the scheduler: these are configurations already counted, so rules that stop
    // only new ones do not hold them back, and the scheduler already sees them as running.
    if (!interrupted.isEmpty()) {
      Trial t = store.restart(interrupted.poll().number(), clock.instant());
      return new Started(t, "rerun: it was running when the previous driver stopped");
    }
    boolean noNew = noNewConfigurations || samplerExhausted;
    Action action = scheduler.next(new Snapshot(store, direction, noNew));
    if (noNew && action instanceof Action.Start) {
      throw new IllegalStateException(scheduler.name() + " started a configuration after new ones were stopped");
    }
    if (action instanceof Action.Start start) {
      int number = store.size();
      Optional<Assignment> a = sampler.sample(space, store.toward(direction), Rngs.forTrial(seed, number));
      if (a.isEmpty()) {
        samplerExhausted = true;
        exhaustedReason = sampler.exhausted().orElse(SAMPLER_EXHAUSTED);
        Step again = step(true);
        return again instanceof Done ? new Done(exhaustedReason) : again;
      }
      Lineage lineage = Lineage.root(number, start.bracket(), start.rung());
      return new Started(store.create(a.get(), start.budget(), lineage, clock.instant()), start.reason());
    }
    if (action instanceof Action.Promote p) {
      Trial t = store.create(p.from().assignment(), p.budget(), Lineage.promoted(p.from(), p.rung()), clock.instant());
      return new Started(t, p.reason());
    }
    if (action instanceof Action.Wait w) return new Waiting(w.reason());
    return new Done(samplerExhausted ? exhaustedReason : action.reason());
  }

  /**
   * What the objective may know about {@code t}: for a folds budget the fold values its parent
   * rung already measured, and a fold monitor against the incumbent when pruning is on.
   */
  public synchronized TrialContext context(Trial t) {
    Map<Integer, Double> known = new TreeMap<>();
    if (t.budget().kind() == Budget.Kind.FOLDS && !t.lineage().isRoot()) {
      Trial parent = store.trials().get(t.lineage().parent());
      if (parent.outcome().orElse(null) instanceof Outcome.Completed c) known.putAll(c.foldMap());
    }
    // A rerun of a trial its dead driver had started: same params and budget, so its scored folds stand.
    known.putAll(store.scoredFolds(t.number()));
    FoldMonitor monitor = pruning.map(p -> p.monitor(t, store.toward(direction))).orElse(FoldMonitor.NONE);
    FoldLog log = (fold, value) -> store.scoreFold(t.number(), fold, value, clock.instant());
    return new TrialContext(t.number(), t.budget(), known, monitor, log);
  }

  /** An ask/tell study over {@code space}, with the CLI's defaults; see {@link StudyBuilder}. */
  public static StudyBuilder builder(SearchSpace space) {
    return new StudyBuilder(space);
  }

  /** Records that {@code t} scored {@code value}. */
  public Trial tell(Trial t, double value) {
    return tell(t.number(), new Outcome.Completed(value, List.of(), 0.0));
  }

  /** Records that {@code t} scored the mean of {@code foldValues} (fold i's value at index i). */
  public Trial tell(Trial t, List<Double> foldValues) {
    return tell(t.number(), Outcome.Completed.ofFolds(foldValues, 0.0));
  }

  /** Records that {@code t} was stopped early, keeping the values it {@link #report reported}. */
  public synchronized Trial tellPruned(Trial t, String reason) {
    Map<Integer, Double> folds = new TreeMap<>(store.scoredFolds(t.number()));
    Map<Integer, Double> mine = reported.remove(t.number());
    if (mine != null) folds.putAll(mine);
    return tell(t.number(), new Outcome.Pruned(folds, reason));
  }

  /** Records that evaluating {@code t} failed; the study goes on. */
  public Trial tellFailed(Trial t, String error) {
    return tell(t.number(), new Outcome.Failed(String.valueOf(error)));
  }

  /**
   * Reports an intermediate value of running trial {@code t} (fold {@code step}'s score) and
   * says whether to stop it: true when {@link StudyBuilder#pruning fold pruning} is on and its
   * values so far are clearly worse than the incumbent's on the same steps. The value is
   * journaled, so a resumed trial knows it ({@link #context}); then call {@link #tellPruned}.
   */
  public synchronized boolean report(Trial t, int step, double value) {
    store.scoreFold(t.number(), step, value, clock.instant());
    Map<Integer, Double> mine = reported.computeIfAbsent(t.number(), n -> new TreeMap<>());
    mine.put(step, value);
    Map<Integer, Double> soFar = new TreeMap<>(context(t).knownFolds());
    soFar.putAll(mine);
    return pruning.map(p -> p.monitor(t, store.toward(direction))).orElse(FoldMonitor.NONE)
        .shouldPrune(t.number(), soFar);
  }

  /** Records the outcome of a running trial. */
  public synchronized Trial tell(int number, Outcome outcome) {
    reported.remove(number);
    return store.finish(number, outcome, clock.instant());
  }

  public List<Trial> trials() {
    return store.trials();
  }

  /** The best trial evaluated at the maximum budget. */
  public Optional<Trial> best() {
    return store.best(direction);
  }

  public Direction direction() {
    return direction;
  }

  public SearchSpace space() {
    return space;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Runs trials of {@code objective}, {@code parallelism} at a time, until a stop rule fires or
   * the schedule has nothing more to run. A trial that throws is recorded FAILED and the study
   * goes on. No trial timeout, no retries.
   */
  public StudyResult optimize(Objective objective, List<StopRule> stopRules, int parallelism, StudyListener listener) {
    return optimize(objective, stopRules, parallelism, FaultPolicy.NONE, listener);
  }

  /**
   * {@link #optimize(Objective, List, int, StudyListener)} with a trial timeout (an overrunning
   * trial is cancelled and recorded TIMEOUT) and retries of transient errors.
   */
  public StudyResult optimize(Objective objective, List<StopRule> stopRules, int parallelism, FaultPolicy faults,
      StudyListener listener) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
    return optimize(objective, stopRules, () -> parallelism, faults, listener);
  }

  /**
   * As above with a number of trials in flight that may change while the study runs: it is read
   * whenever a slot could be filled, so a cluster that grants or takes back executors (dynamic
   * allocation) gets more or fewer trials at once. Running trials are never stopped for it; a
   * value below 1 counts as 1.
   */
  public StudyResult optimize(Objective objective, List<StopRule> stopRules, IntSupplier parallelism,
      FaultPolicy faults, StudyListener listener) {
    return new StudyLoop(this, objective, List.copyOf(stopRules), parallelism, faults, listener).run();
  }

  /** StatusTally so far, measured from {@code since}. */
  public synchronized StudyStatus status(Instant since) {
    return progress.status(store, java.time.Duration.between(since, clock.instant()));
  }

  Instant created() {
    return created;
  }
}
