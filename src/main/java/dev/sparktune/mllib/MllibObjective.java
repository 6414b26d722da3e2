package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.engine.JobGroups;
import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.FoldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.SparkSession;

/**
 * k-fold cross-validation of one MLlib configuration: the production {@link Objective}.
 *
 * <p>A trial binds its assignment to a {@code ParamMap} ({@link ParamBinder}), fits the k cached
 * fold training sets <em>concurrently</em>, one thread per fold, scores each model on its
 * validation fold, and reports the mean with the per-fold values. Every job of a trial runs in
 * the job group {@code sparktune-trial-<n>} (description {@code trial <n> fold <f>/<k>}) in the
 * FAIR pool, so the Spark UI groups them and {@link #cancel} stops them all. Unlike
 * {@code CrossValidator}, whose folds wait for each other, a slow fold here never idles the cores
 * another fold or trial could use.
 */
public final class MllibObjective implements Objective {
  private static final AtomicInteger THREADS = new AtomicInteger();
  // Shared by every objective: fold threads only submit Spark jobs and wait, so an unbounded
  // cached pool costs little, and daemon threads never keep the JVM alive.
  private static final ExecutorService FOLD_THREADS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "sparktune-fold-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  private final SparkContext sc;
  private final SparkSession spark;
  private final Folds folds;
  private final BuiltEstimator model;
  private final ParamBinder binder;
  private final BudgetApplier budgets;
  private final Metric metric;
  private final ConcurrentHashMap<Integer, String> running = new ConcurrentHashMap<>();
  private final java.util.Set<Integer> cancelRequested = ConcurrentHashMap.newKeySet();
  private volatile ForestGrowth growth;
  private volatile ContinuedFits continued;
  private volatile WarmGrid warmGrid;
  private volatile GbtPrefixes prefixes;
  private volatile Scoring scoring = Scoring.ofVectors();
  // Built-in measures to take per trial (pareto.Measure keys); empty for a single-objective study.
  private volatile java.util.Set<String> measures = java.util.Set.of();
  private volatile java.util.function.IntToDoubleFunction cpuSeconds = n -> Double.NaN;
  // The caller's own evaluator (from code); null: a fresh one of the metric per fold.
  private final org.apache.spark.ml.evaluation.Evaluator evaluator;

  /**
   * @throws ConfigError naming {@code sparktune.metric} or {@code sparktune.model.estimator} if
   *     the metric or estimator does not fit the data (e.g. areaUnderROC on ten classes)
   */
  public MllibObjective(SparkSession spark, Folds folds, BuiltEstimator model, String metric) {
    this(spark, folds, model, Metric.resolve(metric, model, folds.numClasses()), null);
    if (model.binaryOnly() && folds.numClasses() > 2) {
      throw new ConfigError("sparktune.model.estimator: " + model.name() + " fits only two classes, but the label has "
          + folds.numClasses());
    }
  }

  /**
   * From code (the Estimator {@code dev.sparktune.ml.SparkTune}): every fold is scored by the
   * caller's {@code evaluator}, as CrossValidator scores it, and its {@code isLargerBetter()}
   * gives the direction. The evaluator is shared by concurrent folds, as CrossValidator shares it.
   */
  public MllibObjective(SparkSession spark, Folds folds, BuiltEstimator model,
      org.apache.spark.ml.evaluation.Evaluator evaluator) {
    this(spark, folds, model, metricOf(evaluator), evaluator);
  }

  private MllibObjective(SparkSession spark, Folds folds, BuiltEstimator model, Metric metric,
      org.apache.spark.ml.evaluation.Evaluator evaluator) {
    this.spark = spark;
    this.sc = spark.sparkContext();
    this.folds = folds;
    this.model = model;
    this.binder = new ParamBinder(model);
    this.budgets = new BudgetApplier(model);
    this.metric = metric;
    this.evaluator = evaluator;
  }

  /** The metric a caller's evaluator computes: its metricName (or class name) and its kind. */
  private static Metric metricOf(org.apache.spark.ml.evaluation.Evaluator evaluator) {
    String name = evaluator.hasParam("metricName") ? String.valueOf(evaluator.getOrDefault(evaluator.getParam("metricName")))
        : evaluator.getClass().getSimpleName();
    return new Metric(name, evaluator instanceof org.apache.spark.ml.evaluation.BinaryClassificationEvaluator
        ? Metric.Kind.BINARY : evaluator instanceof org.apache.spark.ml.evaluation.RegressionEvaluator
        ? Metric.Kind.REGRESSION : Metric.Kind.MULTICLASS);
  }

  /** Builds the estimator from the settings; see {@link EstimatorCatalog#build}. */
  public MllibObjective(SparkSession spark, Folds folds, Settings.Model settings, String metric) {
    this(spark, folds, EstimatorCatalog.build(settings), metric);
  }

  /**
   * Lets a random forest budgeted by {@code numTrees} grow its forest when promoted instead of
   * refitting it (see {@link ForestGrowth}); does nothing for other estimators and budgets.
   *
   * @param ladder the schedule's budgets: they cut every forest into the same blocks, so a
   *     forest lost with a killed driver is regrown tree for tree
   * @return this objective
   */
  public MllibObjective growingForests(Ladder ladder) {
    growth = ForestGrowth.forLadder(model, ladder);
    return this;
  }

  /**
   * Lets a logistic regression or multilayer perceptron budgeted by {@code maxIter} continue a
   * promoted trial's fit from its lower rung's model instead of refitting from zero (see
   * {@link ContinuedFits}); does nothing for other estimators and budgets.
   *
   * @return this objective
   */
  public MllibObjective continuingFits(Ladder ladder) {
    continued = ContinuedFits.forLadder(model, ladder);
    return this;
  }

  /**
   * Starts every logistic regression fit from the finished model, on the same fold, of the
   * nearest configuration already fitted (a warm-started grid, see {@link WarmGrid}) instead of
   * from zero. Opt-in: scores then differ from CrossValidator's by the optimizer's tolerance.
   * Does nothing for other estimators.
   *
   * @return this objective
   */
  public MllibObjective warmStartingGrid() {
    warmGrid = WarmGrid.forEstimator(model);
    return this;
  }

  /**
   * Lets trials of a gradient-boosted trees estimator that differ only in {@code maxIter} share
   * one fit per fold: the largest maxIter {@code planned} has for the trial's other values is
   * fitted once and smaller ones are scored from its first trees, exactly as their own fits score
   * (see {@link GbtPrefixes}). Does nothing for other estimators, for trials whose maxIter is not
   * in their assignment (a maxIter budget: promotions only go up), and with early stopping on a
   * validation indicator column.
   *
   * @param planned the points the search will run (a grid's points); empty when unknown, then only
   *     a larger model already fitted is reused
   * @return this objective
   */
  public MllibObjective sharingGbtPrefixes(List<dev.sparktune.space.Assignment> planned) {
    prefixes = GbtPrefixes.forEstimator(model, planned);
    return this;
  }

  /** {GBT fits run, trial folds scored from a prefix without a fit}; {0, 0} without prefixes. */
  public int[] gbtPrefixCounts() {
    GbtPrefixes p = prefixes;
    return p == null ? new int[] {0, 0} : p.counts();
  }

  /** Fits of the warm-started grid {started from a neighbour, started from zero}; {0, 0} without it. */
  public int[] warmGridStarts() {
    WarmGrid w = warmGrid;
    return w == null ? new int[] {0, 0} : w.starts();
  }

  /** Fits run and promotions answered without a fit by continued fits; {0, 0} without them. */
  public int[] continuedFitCounts() {
    ContinuedFits c = continued;
    return c == null ? new int[] {0, 0} : new int[] {c.fits(), c.reused()};
  }

  /**
   * What the saved model needs around the refit one to score rows of the source (see
   * {@link DataLoader.Loaded#scoring()}); by default the data is already a features vector.
   */
  public MllibObjective scoring(Scoring s) {
    scoring = s;
    return this;
  }

  /**
   * Takes these built-in measures ({@link dev.sparktune.pareto.Measure} keys) of every trial and
   * puts them on its outcome: what several objectives and constraints are read from.
   *
   * @param cpuSeconds the executor CPU seconds trial n has spent so far (from the Spark listener)
   * @return this objective
   */
  public MllibObjective measuring(java.util.Set<String> keys, java.util.function.IntToDoubleFunction cpuSeconds) {
    this.measures = java.util.Set.copyOf(keys);
    this.cpuSeconds = cpuSeconds;
    return this;
  }

  /** The metric actually used (the evaluator default when none was configured). */
  public Metric metric() {
    return metric;
  }

  /** From {@code Evaluator.isLargerBetter()}: MAXIMIZE for AUC or f1, MINIMIZE for rmse. */
  public Direction direction() {
    return evaluator != null ? Direction.ofLargerIsBetter(evaluator.isLargerBetter()) : metric.direction();
  }

  public BuiltEstimator model() {
    return model;
  }

  /**
   * Checks, before any trial runs, that {@code budget} (the schedule's maximum) can be applied to
   * this estimator: a PARAM budget must name one of its integer params.
   *
   * @throws ConfigError naming {@code sparktune.schedule.budget.param}
   */
  public void checkBudget(Budget budget) {
    budgets.check(budget);
  }

  /**
   * Cross-validates {@code assignment} at the trial's budget: on a nested fraction of each
   * training fold (DATA_FRACTION), with an integer param overridden (PARAM), or on the first n
   * folds only (FOLDS). Folds in {@code knownFolds} are not refitted. After every finished fold
   * the trial's {@link dev.sparktune.objective.FoldMonitor} may prune it: the remaining folds'
   * Spark jobs are cancelled and the outcome is {@code Pruned}. Returns {@code Failed} when a
   * fold scores NaN; throws when a fit fails or the trial is cancelled (the study records either
   * as failed).
   */
  @Override
  public Outcome evaluate(Assignment assignment, TrialContext ctx) throws Exception {
    Budget budget = ctx.budget();
    ParamMap params = budgets.apply(binder.bind(assignment), budget);
    double fraction = BudgetApplier.fraction(budget);
    int toRun = BudgetApplier.foldsToRun(budget, folds.k());
    int n = ctx.trialNumber();
    Map<Integer, Double> values = new TreeMap<>();
    ctx.knownFolds().forEach((f, v) -> {
      if (f < toRun) values.put(f, v);
    });
    // A cancelled job group stays cancelled in Spark, so a re-run of that trial number needs a new one.
    String group = JobGroups.usable(JobGroups.forTrial(n));
    running.put(n, group);
    List<Future<double[]>> futures = new ArrayList<>();
    CompletionService<double[]> done = new ExecutorCompletionService<>(FOLD_THREADS);
    try {
      for (int f = 0; f < toRun; f++) {
        if (values.containsKey(f)) continue;
        int fold = f;
        String description = "trial " + n + " fold " + (f + 1) + "/" + folds.k() + " " + budget.label();
        futures.add(done.submit(() -> {
          try {
            return JobGroups.call(sc, group, description, () -> fitFold(fold, fraction, params, assignment, budget));
          } catch (Exception | Error e) {
            throw new FoldError(fold, folds.k(), e);
          }
        }));
      }
      double fitSeconds = 0;
      double size = 0;
      double latency = 0;
      for (int i = 0; i < futures.size(); i++) {
        double[] r = await(done, n, group);
        int fold = (int) r[2];
        if (Double.isNaN(r[0])) {
          return new Outcome.Failed(metric.name() + " is NaN on fold " + (fold + 1) + "/" + folds.k());
        }
        values.put(fold, r[0]);
        ctx.foldLog().scored(fold, r[0]);
        fitSeconds += r[1];
        size += r[3];
        latency += r[4];
        if (i < futures.size() - 1 && ctx.monitor().shouldPrune(n, Map.copyOf(values))) {
          JobGroups.cancel(sc, group, "trial " + n + " pruned");
          return new Outcome.Pruned(values, "pruned after " + values.size() + " of " + toRun
              + " folds: clearly worse than the best so far");
        }
      }
      Outcome.Completed c = Outcome.Completed.ofFolds(values, fitSeconds);
      return measures.isEmpty() ? c : c.withMeasures(measured(n, futures.size(), fitSeconds, size, latency));
    } finally {
      running.remove(n);
      cancelRequested.remove(n);
      for (Future<double[]> fu : futures) fu.cancel(true);
    }
  }

  /**
   * The requested measures of trial n from its {@code run} folds' sums (means per fold). NaN when
   * no fold ran here (all were scored before a restart): such a trial is infeasible, not guessed.
   */
  private Map<String, Double> measured(int n, int run, double fitSeconds, double size, double latency) {
    Map<String, Double> m = new TreeMap<>();
    double folds = run == 0 ? Double.NaN : run;
    for (String key : measures) {
      switch (key) {
        case "fit-seconds" -> m.put(key, fitSeconds / folds);
        case "model-size" -> m.put(key, size / folds);
        case "predict-latency" -> m.put(key, latency / folds);
        case "spark-cpu-seconds" -> m.put(key, cpuSeconds.applyAsDouble(n));
        default -> throw new IllegalArgumentException("unknown measure " + key);
      }
    }
    return m;
  }

  /** Waits for the next fold to finish; on failure or interruption stops the trial's other folds first. */
  private double[] await(CompletionService<double[]> done, int trial, String group) throws Exception {
    try {
      return done.take().get();
    } catch (InterruptedException e) {
      JobGroups.cancel(sc, group, "trial " + trial + " interrupted");
      Thread.currentThread().interrupt();
      throw e;
    } catch (ExecutionException e) {
      if (cancelRequested.contains(trial)) {
        throw new CancellationException("trial " + trial + " cancelled");
      }
      JobGroups.cancel(sc, group, "another fold of trial " + trial + " failed");
      Throwable cause = e.getCause();
      if (cause instanceof Exception ex) throw ex;
      throw e;
    }
  }

  /**
   * Fits fold {@code f} on {@code fraction} of its training rows and scores it on the whole
   * validation fold, so every rung is scored on the same rows: {value, fit seconds, f}. Runs on
   * a fold thread.
   */
  private double[] fitFold(int f, double fraction, ParamMap params, Assignment assignment, Budget budget)
      throws Exception {
    String configuration = assignment.key();
    var train = folds.train(f, fraction);
    long start = System.nanoTime();
    ForestGrowth g = growth;
    ContinuedFits c = continued;
    GbtPrefixes p = prefixes;
    var maxIter = p == null ? null : GbtPrefix.maxIter(model.estimator());
    Model<?> fitted = p != null && GbtPrefixes.tunesMaxIter(assignment) && GbtPrefix.exact(model.estimator(), params)
        ? p.fit(assignment, budget.label(), f, (Integer) params.apply(maxIter),
            n -> (Model<?>) model.estimator().fit(train, params.copy().put(maxIter, n)))
        : g != null ? g.fit(configuration, f, params, q -> (Model<?>) model.estimator().fit(train, q))
        : c != null ? c.fit(configuration, f, params, train)
        : warmGrid != null ? warmGrid.fit(assignment, f, params, train)
        : (Model<?>) model.estimator().fit(train, params);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    long scoring = System.nanoTime();
    // From code, transformed with the trial's params too, as CrossValidator does (a threshold acts there).
    double value = evaluator != null ? evaluator.evaluate(fitted.transform(folds.validation(f), params))
        : metric.evaluator().evaluate(fitted.transform(folds.validation(f)));
    double latency = (System.nanoTime() - scoring) / 1e9;
    double size = measures.contains("model-size") ? ModelSize.of(fitted) : 0;
    return new double[] {value, fitSeconds, f, size, latency};
  }

  /** The {@code ParamMap} a trial of {@code assignment} at {@code budget} fits with (a PARAM budget sets its param). */
  public ParamMap params(Assignment assignment, Budget budget) {
    return budgets.apply(binder.bind(assignment), budget);
  }

  /**
   * Cancels the Spark jobs of trial {@code trialNumber}, running and future, if it is running
   * here; its {@link #evaluate} then throws. A late cancel of a finished trial does nothing.
   */
  @Override
  public void cancel(int trialNumber) {
    String group = running.get(trialNumber);
    if (group == null) return;
    cancelRequested.add(trialNumber);
    JobGroups.cancel(sc, group, "trial " + trialNumber + " cancelled");
  }

  /**
   * Fits {@code best} on all training data, scores it on the test set and saves it.
   *
   * @param modelDir where to save the fitted model (any Hadoop FS path); empty = do not save
   */
  public Refit.Result refit(Assignment best, Optional<String> modelDir) {
    return refit(best, Budget.full(), modelDir);
  }

  /**
   * {@link #refit(Assignment, Optional)} at the budget the best configuration was judged at: a
   * PARAM budget keeps its param value; data-fraction and fold budgets refit on all training
   * rows, as their maximum means "all of it".
   */
  public Refit.Result refit(Assignment best, Budget budget, Optional<String> modelDir) {
    return Refit.run(spark, folds, model, budgets.apply(binder.bind(best), budget), metric, scoring, modelDir);
  }
}
