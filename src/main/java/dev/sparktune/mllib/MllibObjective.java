package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.ModelSettings;
import dev.sparktune.engine.JobGroups;
import dev.sparktune.objective.Objective;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
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
  private final Metric metric;
  private final ConcurrentHashMap<Integer, String> running = new ConcurrentHashMap<>();
  private final java.util.Set<Integer> cancelRequested = ConcurrentHashMap.newKeySet();

  /**
   * @throws ConfigError naming {@code sparktune.metric} or {@code sparktune.model.estimator} if
   *     the metric or estimator does not fit the data (e.g. areaUnderROC on ten classes)
   */
  public MllibObjective(SparkSession spark, Folds folds, BuiltEstimator model, String metric) {
    this.spark = spark;
    this.sc = spark.sparkContext();
    this.folds = folds;
    this.model = model;
    this.binder = new ParamBinder(model);
    this.metric = Metric.resolve(metric, model, folds.numClasses());
    if (model.binaryOnly() && folds.numClasses() > 2) {
      throw new ConfigError("sparktune.model.estimator: " + model.name() + " fits only two classes, but the label has "
          + folds.numClasses());
    }
  }

  /** Builds the estimator from the settings; see {@link EstimatorCatalog#build}. */
  public MllibObjective(SparkSession spark, Folds folds, ModelSettings settings, String metric) {
    this(spark, folds, EstimatorCatalog.build(settings), metric);
  }

  /** The metric actually used (the evaluator default when none was configured). */
  public Metric metric() {
    return metric;
  }

  /** From {@code Evaluator.isLargerBetter()}: MAXIMIZE for AUC or f1, MINIMIZE for rmse. */
  public Direction direction() {
    return metric.direction();
  }

  public BuiltEstimator model() {
    return model;
  }

  /**
   * Cross-validates {@code assignment}. Returns {@code Outcome.Failed} when a fold scores NaN;
   * throws when a fit fails or the trial is cancelled (the study records either as failed).
   *
   * @throws UnsupportedOperationException for any budget but the full one (for now)
   */
  @Override
  public Outcome evaluate(Assignment assignment, TrialContext ctx) throws Exception {
    if (!ctx.budget().isFull()) {
      throw new UnsupportedOperationException("budget " + ctx.budget() + " is not supported yet; only full budgets");
    }
    ParamMap params = binder.bind(assignment);
    int n = ctx.trialNumber();
    // A cancelled job group stays cancelled in Spark, so a re-run of that trial number needs a new one.
    String group = JobGroups.usable(JobGroups.forTrial(n));
    running.put(n, group);
    List<Future<double[]>> futures = new ArrayList<>();
    try {
      for (int f = 0; f < folds.k(); f++) {
        int fold = f;
        String description = "trial " + n + " fold " + (f + 1) + "/" + folds.k();
        futures.add(FOLD_THREADS.submit(() -> JobGroups.call(sc, group, description, () -> fitFold(fold, params))));
      }
      List<Double> values = new ArrayList<>();
      double fitSeconds = 0;
      for (int f = 0; f < futures.size(); f++) {
        double[] r = await(futures.get(f), n, group);
        if (Double.isNaN(r[0])) {
          return new Outcome.Failed(metric.name() + " is NaN on fold " + (f + 1) + "/" + folds.k());
        }
        values.add(r[0]);
        fitSeconds += r[1];
      }
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      return new Outcome.Completed(mean, values, fitSeconds);
    } finally {
      running.remove(n);
      cancelRequested.remove(n);
      for (Future<double[]> fu : futures) fu.cancel(true);
    }
  }

  /** Waits for one fold; on failure or interruption stops the trial's other folds first. */
  private double[] await(Future<double[]> future, int trial, String group) throws Exception {
    try {
      return future.get();
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

  /** Fits fold {@code f} and scores it: {value, fit seconds}. Runs on a fold thread. */
  private double[] fitFold(int f, ParamMap params) {
    long start = System.nanoTime();
    Model<?> fitted = (Model<?>) model.estimator().fit(folds.train(f), params);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    double value = metric.evaluator().evaluate(fitted.transform(folds.validation(f)));
    return new double[] {value, fitSeconds};
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
    return Refit.run(spark, folds, model, binder.bind(best), metric, modelDir);
  }
}
