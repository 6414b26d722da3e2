package dev.sparktune.bench;

import dev.sparktune.engine.SparkSessions;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.mllib.Refit;
import dev.sparktune.mllib.LearningTask;
import dev.sparktune.scheduler.Hyperband;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.scheduler.Schedulers;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.study.StudyStatus;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One timed sparktune run of a multi-fidelity schedule over the benchmark's space: assign and
 * cache the folds, run the study, refit the best configuration at the maximum budget and score it
 * on the test set. The timed window starts before the folds are cut, as a user's run would, so it
 * compares with CrossValidator's {@code fit}, which splits and caches its folds itself.
 *
 * <p>"Time to match" is read from the trial clock, not from the end: the first moment a trial at
 * the maximum budget completes with a score within the tolerance of CrossValidator's best, which
 * is also the first moment the study's best (only full-budget trials can be best) matches it.
 */
final class HalvingSchedule {
  /**
   * What a run measured. {@code matchSeconds} is NaN when no full-budget trial matched;
   * {@code pointSeconds} (when CrossValidator's best point itself completed at the full budget)
   * is NaN when it never did. The two differ when a random forest's per-partition sampling
   * scores the same point differently on the two sides.
   */
  record Result(String schedule, SlotMeter.Window window, double matchSeconds, double pointSeconds,
      double studySeconds, Trial best,
      double testValue, List<Trial> trials, Ladder ladder, int parallelism, int configurations, String stopReason) {}

  private final SparkSession spark;
  private final HalvingOptions o;
  private final SearchSpace space;
  private final Supplier<BuiltEstimator> model;
  private final SlotMeter meter;
  private final PrintStream out;

  HalvingSchedule(SparkSession spark, HalvingOptions o, SearchSpace space, Supplier<BuiltEstimator> model,
      SlotMeter meter, PrintStream out) {
    this.spark = spark;
    this.o = o;
    this.space = space;
    this.model = model;
    this.meter = meter;
    this.out = out;
  }

  /** The ladder: data fraction {@code min} … 1, or the budget param up to its grid maximum, by factors of η. */
  Ladder ladder() {
    if (o.budgetParam().isEmpty()) return new Ladder(Budget.dataFraction(1.0, 1.0), o.minFraction(), o.eta());
    long max = o.budgetMax();
    return new Ladder(Budget.param(o.budgetParam(), max, max), max * o.minFraction(), o.eta());
  }

  /**
   * Configurations the schedule may start: the searched grid's size, or one Hyperband iteration
   * (capped at the grid's size: every configuration is a distinct point).
   */
  int configurations(String name) {
    if (name.equals("hyperband")) {
      if (o.hyperbandTrials() > 0) return o.hyperbandTrials();
      return Math.min(o.searchSize(),
          new Hyperband(ladder()).plan().stream().mapToInt(b -> b.rounds().get(0).configs()).sum());
    }
    return o.trials() > 0 ? o.trials() : o.searchSize();
  }

  /**
   * The grid point (CrossValidator's) a trial evaluated: its assignment, plus the budget param at
   * the trial's budget when the budget is a param.
   */
  Assignment gridPoint(Trial t) {
    if (o.budgetParam().isEmpty()) return t.assignment();
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : o.grid().keySet()) {
      values.put(name, name.equals(o.budgetParam()) ? (Object) Math.round(t.budget().amount()) : t.assignment().get(name));
    }
    return Assignment.of(values);
  }

  /**
   * @param target CrossValidator's best CV score: the run matches it at {@code target - tolerance}
   * @param targetPoint the grid point that scored it
   * @param continued promote trials by continuing their lower rung's fit (forests grown, linear
   *     fits continued) rather than refitting
   * @param label the run's name in the report
   */
  Result run(String name, Dataset<Row> source, double target, Assignment targetPoint, boolean continued, String label) {
    Ladder ladder = ladder();
    Scheduler scheduler = Schedulers.create(name, ladder, o.brackets());
    int configs = configurations(name);
    double threshold = target - o.tolerance();
    MatchListener listener = new MatchListener(threshold, targetPoint);
    meter.start();
    listener.t0 = System.nanoTime();
    StudyResult result;
    Refit.Result refit;
    int parallelism;
    double studySeconds;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), o.testFraction(), 0)) {
      MllibObjective objective = new MllibObjective(spark, folds, model.get(), o.metric());
      if (continued) {
        objective.growingForests(ladder);
        objective.continuingFits(ladder);
      }
      parallelism = o.parallelism().orElseGet(
          () -> SparkSessions.parallelismAuto(spark, folds.k(), folds.partitionsPerFold()));
      Study study = new Study(space, new HalvingDistinctSampler(o.searchSize()), scheduler, Optional.empty(),
          objective.direction(), new InMemoryTrialStore(), o.samplerSeed(), Clock.systemUTC());
      long studyStart = System.nanoTime();
      result = study.optimize(objective, List.of(new StopRule.MaxTrials(configs)), parallelism, listener);
      studySeconds = (System.nanoTime() - studyStart) / 1e9;
      Trial best = result.best().orElseThrow(
          () -> new IllegalStateException(name + ": no configuration completed at the maximum budget"));
      refit = objective.refit(best.assignment(), best.budget(), Optional.empty());
    }
    SlotMeter.Window w = meter.stop();
    return new Result(label, w, listener.matchSeconds, listener.pointSeconds, studySeconds, result.best().orElseThrow(),
        refit.testValue().orElse(Double.NaN), result.trials(), ladder, parallelism, configs, result.stopReason());
  }

  /** Notes when the best full-budget score first reaches the threshold, and prints each new best. */
  private final class MatchListener implements StudyListener {
    private final double threshold;
    private volatile long t0;
    private final Assignment targetPoint;
    private volatile double matchSeconds = Double.NaN;
    private volatile double pointSeconds = Double.NaN;
    private double bestSoFar = Double.NEGATIVE_INFINITY;

    MatchListener(double threshold, Assignment targetPoint) {
      this.threshold = threshold;
      this.targetPoint = targetPoint;
    }

    @Override
    public synchronized void trialFinished(Trial t, StudyStatus status) {
      if (t.state() != TrialState.COMPLETE || !t.budget().isFull()) return;
      double seconds = (System.nanoTime() - t0) / 1e9;
      double v = t.value().getAsDouble();
      if (v > bestSoFar) {
        bestSoFar = v;
        out.printf(Locale.ROOT, "    %7.1f s  new best at the maximum budget: %.6f  trial %d %s%n", seconds, v,
            t.number(), gridPoint(t));
        out.flush();
      }
      if (Double.isNaN(matchSeconds) && v >= threshold) matchSeconds = seconds;
      if (Double.isNaN(pointSeconds) && gridPoint(t).sameAs(targetPoint)) pointSeconds = seconds;
    }
  }
}
