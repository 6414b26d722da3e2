package dev.sparktune.bench;

import dev.sparktune.config.Settings;
import dev.sparktune.engine.SparkSessions;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.DataLoader;
import dev.sparktune.mllib.EstimatorCatalog;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.Metric;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.mllib.ParamBinder;
import dev.sparktune.mllib.LearningTask;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Successive halving, ASHA and Hyperband against MLlib's {@code CrossValidator} over the same grid,
 * in one process on the same rows and folds: CrossValidator's wall time, best CV score and test
 * score; for each schedule the time until its best full-budget configuration matches
 * CrossValidator's best (within a tolerance), its total wall time, test score, slot utilization
 * and configurations per rung; then the halving targets (against CrossValidator, in the README) and whether they were met.
 *
 * <p>Both sides get the same fold of every row ({@link Folds} hashes rows; CrossValidator gets
 * {@link Folds#training()} with {@code foldCol}) and the same held-out test rows, and the same
 * estimator instance and param bindings ({@link ParamBinder}), so only the search differs.
 */
public final class HalvingBenchmark {
  private final SparkSession spark;
  private final HalvingOptions o;
  private final PrintStream out;
  private final SlotMeter meter;
  private final int cores;
  private final SearchSpace space;
  private final List<Assignment> grid;
  private Metric metric;

  /** CrossValidator's figures. */
  record CvResult(SlotMeter.Window window, double best, Assignment bestPoint, double test,
      Map<String, Double> scoreByKey) {
    /** CrossValidator's mean CV score of {@code a}, NaN if it is not a grid point. */
    double scoreOf(Assignment a) {
      return scoreByKey.getOrDefault(a.key(), Double.NaN);
    }
  }

  private HalvingBenchmark(SparkSession spark, HalvingOptions o, PrintStream out) {
    this.spark = spark;
    this.o = o;
    this.out = out;
    this.cores = SparkSessions.cores(spark);
    this.meter = SlotMeter.attach(spark.sparkContext(), cores);
    this.space = space(o.searchGrid());
    this.grid = new GridSampler(OptionalInt.empty()).points(space(o.grid()));
  }

  private static SearchSpace space(Map<String, List<Object>> grid) {
    List<Param> params = new ArrayList<>();
    grid.forEach((name, values) -> params.add(CategoricalParam.of(name, values.toArray())));
    return new SearchSpace(params);
  }

  public static void main(String[] args) {
    BenchMain.run("HalvingBenchmark", "sparktune benchmark: ASHA vs CrossValidator", args, HalvingOptions::parse,
        HalvingOptions::usage, (spark, o) -> new HalvingBenchmark(spark, o, System.out).run());
  }

  /** A fresh estimator for every side, so no side sees params another one set. */
  private BuiltEstimator model() {
    return EstimatorCatalog.build(new Settings.Model(o.estimator(), Map.of(), List.of()));
  }

  int run() {
    String path = o.syntheticRows() > 0
        ? SyntheticClassification.ensure(o.syntheticRows(), o.seed()).toAbsolutePath().toString() : o.data();
    Settings.Data data = new Settings.Data(path, "libsvm", "label", List.of(), o.testFraction(),
        Settings.Data.Missing.DROP, 0, Map.of());
    // The user's side of the bargain, for every side: the data is loaded and cached before tuning.
    Dataset<Row> source = DataLoader.load(spark, data).data().persist(StorageLevel.MEMORY_AND_DISK());
    long rows = source.count();
    Dataset<Row> cvInput;
    Dataset<Row> test;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), o.testFraction(), 0)) {
      MllibObjective objective = new MllibObjective(spark, folds, model(), o.metric());
      metric = objective.metric();
      if (objective.direction() != Direction.MAXIMIZE) {
        throw new IllegalArgumentException("--metric: the benchmark needs a larger-is-better metric");
      }
      out.printf(Locale.ROOT, "HalvingBenchmark: %s over a %d-point grid %s, %d-fold CV, %s%n", o.estimator(),
          grid.size(), o.grid(), o.folds(), o.metric());
      out.printf(Locale.ROOT, "data: %s, %d rows: %d for tuning (folds %s), %d held out for the test score; "
          + "Spark %s, master %s, %d cores, %d partition(s) per fold%n", path, rows, folds.trainingRows(),
          folds.foldSizes(), folds.testRows(), spark.version(), spark.sparkContext().master(), cores,
          folds.partitionsPerFold());
      if (o.warmup() || o.probe()) {
        // Untimed: the JIT compiles Spark's and MLlib's code during the first fits, a cost that would
        // otherwise land on whichever side runs first.
        probe(objective, "warm-up", grid.get(0), Budget.full());
      }
      if (o.probe()) {
        probe(objective, "cheapest point, 1 fold", grid.get(0), Budget.folds(1, o.folds()));
        probe(objective, "dearest point, 1 fold", grid.get(grid.size() - 1), Budget.folds(1, o.folds()));
        // What a rung costs: the dearest and the cheapest point on every fold at each rung of the ladder.
        for (Budget rung : new HalvingSchedule(spark, o, space, this::model, meter, out).ladder().budgets()) {
          probe(objective, "dearest point, all folds", grid.get(grid.size() - 1), rung);
          probe(objective, "cheapest point, all folds", grid.get(0), rung);
        }
        return 0;
      }
      cvInput = folds.training().persist(StorageLevel.MEMORY_AND_DISK());
      cvInput.count();
      test = folds.test().persist(StorageLevel.MEMORY_AND_DISK());
      test.count();
    }
    HalvingReport report = new HalvingReport(out, o, cores);
    out.printf(Locale.ROOT, "%nCrossValidator(parallelism %d): timed fit() (it splits and caches each fold, fits "
        + "every point on every fold, refits the best on all rows)%n", cvParallelism());
    CvResult cv = crossValidate(cvInput, test);
    report.crossValidator(cv, grid);
    cvInput.unpersist(false);
    test.unpersist(false);

    HalvingSchedule runner = new HalvingSchedule(spark, o, space, this::model, meter, out);
    List<HalvingSchedule.Result> results = new ArrayList<>();
    for (String name : o.schedules()) {
      out.printf(Locale.ROOT, "%nsparktune %s: %d configurations of %s, budgets %s, eta %d; timed: assign and cache "
          + "folds, the study, refit of the best on all rows%n", label(name), runner.configurations(name),
          o.searchGrid(), runner.ladder().budgets().stream().map(Budget::label).toList(), o.eta());
      if (!o.vsRefitting()) {
        HalvingSchedule.Result r = runner.run(name, source, cv.best(), cv.bestPoint(), o.continuePromoted(), name);
        results.add(r);
        report.schedule(r, cv, runner);
        continue;
      }
      // Alternating, so a machine that gets busier or a JIT that warms up later favours neither way.
      List<HalvingSchedule.Result> continued = new ArrayList<>();
      List<HalvingSchedule.Result> refitting = new ArrayList<>();
      for (int i = 0; i < o.repeats(); i++) {
        for (boolean cont : new boolean[] {true, false}) {
          String label = name + (cont ? "" : ", refitting");
          out.printf(Locale.ROOT, "  run %d of %d, %s%n", i + 1, o.repeats(), cont ? "continuing promoted trials" : "refitting promoted trials");
          HalvingSchedule.Result r = runner.run(name, source, cv.best(), cv.bestPoint(), cont, label);
          (cont ? continued : refitting).add(r);
          results.add(r);
          report.schedule(r, cv, runner);
        }
      }
      report.continuedVsRefitting(name, continued, refitting, runner);
    }
    source.unpersist(false);
    report.summary(cv, results);
    return 0;
  }

  /** The schedule's name, with asha's brackets when there are several. */
  private String label(String name) {
    return name.equals("asha") && o.brackets() > 1 ? name + " (" + o.brackets() + " brackets)" : name;
  }

  private int cvParallelism() {
    return o.cvParallelism() > 0 ? o.cvParallelism() : cores;
  }

  private CvResult crossValidate(Dataset<Row> input, Dataset<Row> test) {
    BuiltEstimator built = model();
    ParamBinder binder = new ParamBinder(built);
    ParamMap[] maps = grid.stream().map(binder::bind).toArray(ParamMap[]::new);
    // The evaluator sparktune's objective uses, so both sides score with the same columns.
    Evaluator evaluator = metric.evaluator();
    CrossValidator cv = new CrossValidator().setEstimator(built.estimator()).setEstimatorParamMaps(maps)
        .setEvaluator(evaluator).setNumFolds(o.folds()).setFoldCol(Folds.FOLD).setParallelism(cvParallelism())
        .setSeed(o.seed());
    meter.start();
    CrossValidatorModel model = cv.fit(input);
    SlotMeter.Window w = meter.stop();
    double[] avg = model.avgMetrics();
    int best = 0;
    for (int i = 1; i < avg.length; i++) if (avg[i] > avg[best]) best = i;
    double testValue = evaluator.evaluate(model.bestModel().transform(test));
    Map<String, Double> byKey = new LinkedHashMap<>();
    for (int i = 0; i < avg.length; i++) byKey.put(grid.get(i).key(), avg[i]);
    return new CvResult(w, avg[best], grid.get(best), testValue, byKey);
  }

  private void probe(MllibObjective objective, String what, Assignment point, Budget budget) {
    long start = System.nanoTime();
    Outcome outcome;
    try {
      outcome = objective.evaluate(point, new TrialContext(0, budget));
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e, e);
    }
    double fit = outcome instanceof Outcome.Completed c ? c.fitSeconds() : Double.NaN;
    out.printf(Locale.ROOT, "%s %s (%s): %.1f s wall, %.1f s of fitting, %s%n", what, point, budget.label(),
        (System.nanoTime() - start) / 1e9, fit, outcome);
    out.flush();
  }
}
