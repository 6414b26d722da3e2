package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.objective.TrialContext;
import dev.sparktune.space.Assignment;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cross-validation on real data from notebooks-data; small fold and trial counts keep it quick. */
@Tag("spark")
class MllibObjectiveTest {
  private static SparkSession spark;
  private static Folds spam;

  @BeforeAll
  static void load() {
    spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    spam = Folds.create(data, LearningTask.CLASSIFICATION, 3, 7L, 0.2, 0);
  }

  @AfterAll
  static void release() {
    spam.unpersist();
  }

  private static Settings.Model lr(Map<String, Object> fixed) {
    return new Settings.Model("logistic-regression", fixed, List.of());
  }

  private static Outcome.Completed completed(Outcome o) {
    return assertInstanceOf(Outcome.Completed.class, o, () -> "not completed: " + o);
  }

  private static TrialContext trial(int n) {
    return new TrialContext(n, Budget.full());
  }

  @Test
  void spambaseLogisticRegressionAndRegularisationHurts() throws Exception {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 20L)), "");
    assertEquals("areaUnderROC", obj.metric().name());
    assertEquals(Direction.MAXIMIZE, obj.direction());
    Outcome.Completed good = completed(obj.evaluate(Assignment.of(Map.of("regParam", 1e-3, "elasticNetParam", 0.0)), trial(1)));
    assertTrue(good.value() > 0.9 && good.value() < 1.0, "AUC " + good.value());
    assertEquals(3, good.folds().size());
    assertEquals(good.value(), good.folds().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1e-12);
    assertTrue(good.fitSeconds() > 0);
    // the jobs carried the trial's job group
    assertTrue(spark.sparkContext().statusTracker().getJobIdsForGroup("sparktune-trial-1").length > 0);
    Outcome.Completed lasso = completed(obj.evaluate(Assignment.of(Map.of("regParam", 1.0, "elasticNetParam", 1.0)), trial(2)));
    assertTrue(lasso.value() < good.value() - 0.1, "strong L1 scored " + lasso.value() + " vs " + good.value());
  }

  @Test
  void dataFractionBudgetTrainsOnASubsetAndScoresTheWholeValidationFold() throws Exception {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 20L)), "areaUnderROC");
    Assignment a = Assignment.of(Map.of("regParam", 1e-3));
    Outcome.Completed small = completed(obj.evaluate(a, new TrialContext(3, Budget.dataFraction(0.05, 1.0))));
    Outcome.Completed full = completed(obj.evaluate(a, new TrialContext(4, Budget.dataFraction(1.0, 1.0))));
    assertEquals(3, small.folds().size());
    // a twentieth of the rows fits a worse model on the same validation rows, but not a random one
    assertTrue(small.value() < full.value() && small.value() > 0.7, small.value() + " vs " + full.value());
  }

  @Test
  void paramBudgetOverridesTheIntegerParamAndIsCheckedUpFront() throws Exception {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 100L)), "areaUnderROC");
    obj.checkBudget(Budget.param("maxIter", 1, 100));
    Assignment a = Assignment.of(Map.of("regParam", 1e-3));
    Outcome.Completed one = completed(obj.evaluate(a, new TrialContext(5, Budget.param("maxIter", 1, 100))));
    Outcome.Completed many = completed(obj.evaluate(a, new TrialContext(6, Budget.param("maxIter", 50, 100))));
    assertTrue(one.value() < many.value(), "1 iteration " + one.value() + " vs 50: " + many.value());
    var e = assertThrows(ConfigError.class, () -> obj.checkBudget(Budget.param("regParam", 1, 2)));
    assertTrue(e.getMessage().startsWith("sparktune.schedule.budget.param: LogisticRegression.regParam is not an "
        + "integer param"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> obj.checkBudget(Budget.param("numTrees", 1, 2)));
    assertTrue(e.getMessage().startsWith("sparktune.schedule.budget.param: LogisticRegression has no param 'numTrees'"),
        e.getMessage());
  }

  @Test
  void foldsBudgetEvaluatesTheFirstFoldsAndReusesKnownOnes() throws Exception {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 20L)), "areaUnderROC");
    Assignment a = Assignment.of(Map.of("regParam", 1e-3));
    Outcome.Completed first = completed(obj.evaluate(a, new TrialContext(7, Budget.folds(1, 3))));
    assertEquals(1, first.folds().size());
    // a stand-in value for fold 0 that no fit would produce proves fold 0 was not refitted
    Map<Integer, Double> logged = new java.util.concurrent.ConcurrentHashMap<>();
    Outcome.Completed rest = completed(obj.evaluate(a, new TrialContext(8, Budget.folds(3, 3),
        Map.of(0, 0.5), dev.sparktune.objective.FoldMonitor.NONE, logged::put)));
    assertEquals(List.of(0.5), rest.folds().subList(0, 1));
    assertEquals(3, rest.folds().size());
    assertEquals(Map.of(1, rest.folds().get(1), 2, rest.folds().get(2)), logged, "each fitted fold logged, known ones not");
    assertTrue(Math.abs(rest.folds().get(1) - first.folds().get(0)) < 0.05, "folds of one config agree roughly");
  }

  @Test
  void aMonitorThatPrunesStopsTheRemainingFolds() throws Exception {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 20L)), "areaUnderROC");
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    Outcome o = obj.evaluate(Assignment.of(Map.of("regParam", 1.0, "elasticNetParam", 1.0)),
        new TrialContext(9, Budget.full(), Map.of(), (n, folds) -> {
          asked.incrementAndGet();
          return n == 9 && folds.size() == 1;
        }));
    Outcome.Pruned pruned = assertInstanceOf(Outcome.Pruned.class, o, () -> "not pruned: " + o);
    assertEquals(1, pruned.folds().size());
    assertEquals(1, asked.get());
  }

  @Test
  void californiaRegressionWithMissingValuesDropped() throws Exception {
    DataLoader.Loaded housing = DataLoader.load(spark, new Settings.Data(
        SparkTestSession.data("california_housing/california_housing.csv.gz"), "csv", "median_house_value",
        List.of(), 0.0, Settings.Data.Missing.DROP, 0, Map.of()));
    try (Folds folds = Folds.create(housing.data(), LearningTask.REGRESSION, 2, 1L, 0.0, 0)) {
      MllibObjective obj = new MllibObjective(spark, folds,
          new Settings.Model("linear-regression", Map.of(), List.of()), "rmse");
      assertEquals(Direction.MINIMIZE, obj.direction());
      Outcome.Completed o = completed(obj.evaluate(Assignment.of(Map.of("regParam", 0.1)), trial(10)));
      // linear regression on these features is known to land near 68-70k
      assertTrue(o.value() > 60_000 && o.value() < 80_000, "rmse " + o.value());
      assertEquals(2, o.folds().size());
    }
  }

  @Test
  void breastCancerPipelineWithScalerAndLogisticRegression() throws Exception {
    DataLoader.Loaded cancer = DataLoader.load(spark, new Settings.Data(
        SparkTestSession.data("sklearn_breast_cancer/breast_cancer.csv"), "csv", "target",
        List.of(), 0.2, Settings.Data.Missing.FAIL, 0, Map.of()));
    try (Folds folds = Folds.create(cancer.data(), LearningTask.CLASSIFICATION, 3, 1L, 0.2, 0)) {
      MllibObjective obj = new MllibObjective(spark, folds, EstimatorCatalogTest.scaledLr(), "areaUnderROC");
      Outcome.Completed o = completed(obj.evaluate(Assignment.of(Map.of("lr.regParam", 0.01)), trial(20)));
      assertTrue(o.value() > 0.95, "AUC " + o.value());
    }
  }

  @Test
  void digitsMulticlass() throws Exception {
    Dataset<Row> digits = spark.read().format("libsvm").option("numFeatures", "64")
        .load(SparkTestSession.data("sklearn_digits/digits.libsvm"));
    try (Folds folds = Folds.create(digits, LearningTask.CLASSIFICATION, 2, 1L, 0.0, 0)) {
      assertEquals(10, folds.numClasses());
      MllibObjective obj = new MllibObjective(spark, folds, lr(Map.of("maxIter", 20L)), "accuracy");
      Outcome.Completed o = completed(obj.evaluate(Assignment.of(Map.of("regParam", 0.01)), trial(30)));
      assertTrue(o.value() > 0.9, "accuracy " + o.value());
      var e = assertThrows(ConfigError.class, () -> new MllibObjective(spark, folds, lr(Map.of()), "areaUnderROC"));
      assertTrue(e.getMessage().startsWith("sparktune.metric: areaUnderROC needs a binary label, but the label has 10 classes"));
      e = assertThrows(ConfigError.class, () -> new MllibObjective(spark, folds,
          new Settings.Model("linear-svc", Map.of(), List.of()), "accuracy"));
      assertEquals("sparktune.model.estimator: linear-svc fits only two classes, but the label has 10", e.getMessage());
    }
  }

  @Test
  void refitScoresTheTestSetAndSavesALoadableModel(@TempDir Path dir) {
    MllibObjective obj = new MllibObjective(spark, spam, lr(Map.of("maxIter", 20L)), "areaUnderROC");
    String where = dir.resolve("model").toUri().toString();
    Refit.Result r = obj.refit(Assignment.of(Map.of("regParam", 1e-3)), Optional.of(where));
    assertEquals(LogisticRegressionModel.class.getName(), r.modelClass());
    assertTrue(r.testValue().getAsDouble() > 0.9, "test AUC " + r.testValue());
    assertEquals(spam.trainingRows(), r.trainRows());
    assertEquals(spam.testRows(), r.testRows());
    // model/ holds a PipelineModel; for data that already is a features vector, the model alone.
    PipelineModel saved = PipelineModel.load(where);
    assertEquals(1, saved.stages().length);
    LogisticRegressionModel back = (LogisticRegressionModel) saved.stages()[0];
    assertEquals(1e-3, back.getRegParam());
    assertEquals(List.of(LogisticRegressionModel.class.getName()), r.savedStages());
  }

  @Test
  void cancelStopsARunningTrialAndTheNumberCanRunAgain() throws Exception {
    // 200 boosting rounds take far longer than the test waits: only the cancel can end the trial.
    MllibObjective slow = new MllibObjective(spark, spam,
        new Settings.Model("gbt-classifier", Map.of("maxIter", 200L, "maxDepth", 6L), List.of()), "areaUnderROC");
    CompletableFuture<Outcome> run = CompletableFuture.supplyAsync(() -> {
      try {
        return slow.evaluate(Assignment.of(Map.of()), trial(99));
      } catch (Exception e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (spark.sparkContext().statusTracker().getJobIdsForGroup("sparktune-trial-99").length == 0) {
      assertTrue(System.nanoTime() < deadline, "trial 99 never started a job");
      Thread.sleep(50);
    }
    slow.cancel(99);
    var e = assertThrows(ExecutionException.class, () -> run.get(60, TimeUnit.SECONDS));
    assertInstanceOf(CancellationException.class, e.getCause(), () -> "got " + e.getCause());
    // A cancelled group stays cancelled in Spark; a re-run of trial 99 must get a fresh one.
    MllibObjective quick = new MllibObjective(spark, spam, lr(Map.of("maxIter", 10L)), "");
    completed(quick.evaluate(Assignment.of(Map.of()), trial(99)));
    slow.cancel(12345);  // not running: nothing happens
  }
}
