package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Trial;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A GBT's first k trees as its k-iteration fit, on spambase and California housing folds. */
@Tag("spark")
class GbtPrefixesTest {
  private static Dataset<Row> spambase(SparkSession spark) {
    return spark.read().format("libsvm").option("numFeatures", "57").load(SparkTestSession.data("spambase/spambase.libsvm"));
  }

  private static BuiltEstimator build(String name, Map<String, Object> fixed) {
    return EstimatorCatalog.build(new Settings.Model(name, fixed, List.of()));
  }

  @Test
  void aPrefixScoresAsTheShorterFitOfItsOwn() {
    SparkSession spark = SparkTestSession.get();
    try (Folds folds = Folds.create(spambase(spark), LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      GBTClassifier gbt = (GBTClassifier) build("gbt-classifier", Map.of()).estimator();
      // Subsampling and a feature subset: both are drawn per tree from seed + m, so still exact.
      ParamMap base = new ParamMap().put(gbt.maxDepth(), 3).put(gbt.subsamplingRate(), 0.7)
          .put(gbt.featureSubsetStrategy(), "sqrt").put(gbt.seed(), 11L);
      Dataset<Row> train = folds.train(1);
      Dataset<Row> validation = folds.validation(1);
      var twelve = (GBTClassificationModel) gbt.fit(train, base.copy().put(gbt.maxIter(), 12));
      var four = (GBTClassificationModel) gbt.fit(train, base.copy().put(gbt.maxIter(), 4));
      var prefix = (GBTClassificationModel) GbtPrefix.of(twelve, 4);
      assertEquals(4, prefix.getNumTrees());
      assertEquals(4, prefix.getMaxIter());
      assertArrayEquals(four.treeWeights(), prefix.treeWeights(), 0.0);
      for (int i = 0; i < 4; i++) assertEquals(splits(four.trees()[i]), splits(prefix.trees()[i]), "tree " + i);
      var auc = new BinaryClassificationEvaluator().setMetricName("areaUnderROC");
      double own = auc.evaluate(four.transform(validation));
      double fromPrefix = auc.evaluate(prefix.transform(validation));
      assertEquals(own, fromPrefix, 1e-9);
      // And it is not the longer model's score: the test would notice a prefix that kept all trees.
      assertTrue(Math.abs(auc.evaluate(twelve.transform(validation)) - fromPrefix) > 1e-6);
      assertSame(twelve, GbtPrefix.of(twelve, 12));
    }
  }

  @Test
  void aRegressorsPrefixScoresAsTheShorterFit() {
    SparkSession spark = SparkTestSession.get();
    DataLoader.Loaded housing = DataLoader.load(spark, new Settings.Data(
        SparkTestSession.data("california_housing/california_housing.csv.gz"), "csv", "median_house_value",
        List.of(), 0.0, Settings.Data.Missing.DROP, 0, Map.of()));
    try (Folds folds = Folds.create(housing.data(), LearningTask.REGRESSION, 3, 3L, 0.0, 0)) {
      GBTRegressor gbt = (GBTRegressor) build("gbt-regressor", Map.of()).estimator();
      ParamMap base = new ParamMap().put(gbt.maxDepth(), 4).put(gbt.subsamplingRate(), 0.5).put(gbt.stepSize(), 0.3);
      Dataset<Row> train = folds.train(0);
      Model<?> nine = gbt.fit(train, base.copy().put(gbt.maxIter(), 9));
      Model<?> three = gbt.fit(train, base.copy().put(gbt.maxIter(), 3));
      var rmse = new RegressionEvaluator().setMetricName("rmse");
      double own = rmse.evaluate(three.transform(folds.validation(0)));
      assertEquals(own, rmse.evaluate(GbtPrefix.of(nine, 3).transform(folds.validation(0))), 1e-9 * own);
    }
  }

  @Test
  void earlyStoppingOnAValidationColumnIsNotAPrefix() {
    GBTClassifier gbt = (GBTClassifier) build("gbt-classifier", Map.of()).estimator();
    assertTrue(GbtPrefix.exact(gbt, new ParamMap()));
    assertFalse(GbtPrefix.exact(gbt, new ParamMap().put(gbt.validationIndicatorCol(), "isValidation")));
    // Not settable from a config (sparktune wires columns itself), but an estimator from code may carry it.
    GBTClassifier withColumn = gbt.copy(new ParamMap()).setValidationIndicatorCol("isValidation");
    assertFalse(GbtPrefix.exact(withColumn, new ParamMap()));
    assertNull(GbtPrefixes.forEstimator(build("random-forest-classifier", Map.of()), List.of()));
    assertNull(GbtPrefixes.forEstimator(build("logistic-regression", Map.of()), List.of()));
  }

  /**
   * The same grid, maxDepth {2, 3} × maxIter {3, 6, 12} on 3 folds, two trials in flight: with
   * prefixes every point scores what its own fits score, the best point is the same, and only the
   * 12-tree fits run (2 groups × 3 folds), the 3- and 6-tree points taking their first trees.
   */
  @Test
  void aGridWithAMaxIterAxisFitsEachGroupOnceAndScoresAsBefore() {
    SparkSession spark = SparkTestSession.get();
    SearchSpace space = SearchSpace.of(CategoricalParam.of("maxDepth", 2L, 3L), CategoricalParam.of("maxIter", 3L, 6L, 12L));
    try (Folds folds = Folds.create(spambase(spark), LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = build("gbt-classifier", Map.of("subsamplingRate", 0.8));
      GridSampler grid = new GridSampler(OptionalInt.empty());

      MllibObjective plain = new MllibObjective(spark, folds, built, "areaUnderROC");
      StudyResult without = new Study(space, grid, plain.direction(), new InMemoryTrialStore(), 7L, Clock.systemUTC())
          .optimize(plain, List.of(), 2, StudyListener.NONE);
      MllibObjective shared = new MllibObjective(spark, folds, built, "areaUnderROC").sharingGbtPrefixes(grid.points(space));
      StudyResult with = new Study(space, new GridSampler(OptionalInt.empty()), shared.direction(), new InMemoryTrialStore(),
          7L, Clock.systemUTC()).optimize(shared, List.of(), 2, StudyListener.NONE);

      assertArrayEquals(new int[] {0, 0}, plain.gbtPrefixCounts());
      assertArrayEquals(new int[] {6, 12}, shared.gbtPrefixCounts(), "fits, prefixes");
      Map<String, Double> before = scores(without);
      Map<String, Double> after = scores(with);
      assertEquals(6, before.size());
      assertEquals(before.keySet(), after.keySet());
      for (var e : before.entrySet()) assertEquals(e.getValue(), after.get(e.getKey()), 1e-9, e.getKey());
      // The points do differ, so equal scores are not an accident of the data.
      assertTrue(before.values().stream().distinct().count() >= 5, "distinct scores " + before.values());
      assertEquals(without.best().orElseThrow().assignment(), with.best().orElseThrow().assignment());
    }
  }

  @Test
  void withoutAPlanOnlyALargerModelAlreadyFittedIsReused() throws Exception {
    SparkSession spark = SparkTestSession.get();
    try (Folds folds = Folds.create(spambase(spark), LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = build("gbt-classifier", Map.of("maxDepth", 2L));
      GBTClassifier gbt = (GBTClassifier) built.estimator();
      GbtPrefixes prefixes = GbtPrefixes.forEstimator(built, List.of());
      Dataset<Row> train = folds.train(0);
      int[] asked = new int[1];
      java.util.function.IntFunction<Model<?>> fit = n -> {
        asked[0] = n;
        return gbt.fit(train, new ParamMap().put(gbt.maxIter(), n));
      };
      Assignment six = Assignment.of(new HashMap<>(Map.of("stepSize", 0.2, "maxIter", 6L)));
      Assignment three = Assignment.of(new HashMap<>(Map.of("stepSize", 0.2, "maxIter", 3L)));
      Assignment otherStep = Assignment.of(new HashMap<>(Map.of("stepSize", 0.3, "maxIter", 3L)));
      assertEquals(6, GbtPrefix.trees(prefixes.fit(six, "full", 0, 6, fit)));
      assertEquals(6, asked[0]);
      assertEquals(3, GbtPrefix.trees(prefixes.fit(three, "full", 0, 3, fit)));
      assertArrayEquals(new int[] {1, 1}, prefixes.counts(), "the 3-tree point took the 6-tree fit's prefix");
      // Another step size, another fold or another budget is another group: a fit of its own (the
      // fit function here always trains on fold 0; only which fits run is under test).
      prefixes.fit(otherStep, "full", 0, 3, fit);
      prefixes.fit(three, "full", 1, 3, fit);
      prefixes.fit(three, "0.5", 0, 3, fit);
      assertArrayEquals(new int[] {4, 1}, prefixes.counts());
      assertEquals(3, asked[0], "without a plan a fit has the trees asked for");

      // A fit another trial waits for fails (its own trial was cancelled, say: Spark throws its
      // checked SparkException undeclared): the waiting trial fits for itself instead of hanging.
      var started = new java.util.concurrent.CountDownLatch(1);
      var release = new java.util.concurrent.CountDownLatch(1);
      var owner = java.util.concurrent.CompletableFuture.runAsync(() -> {
        try {
          prefixes.fit(three, "full", 2, 3, n -> {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw GbtPrefixesTest.<RuntimeException>sneaky(new org.apache.spark.SparkException("job group cancelled"));
          });
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      started.await();
      var waiter = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return prefixes.fit(three, "full", 2, 3, fit);
        } catch (Exception e) {
          throw new java.util.concurrent.CompletionException(e);
        }
      });
      Thread.sleep(300);
      release.countDown();
      var failure = assertThrows(java.util.concurrent.CompletionException.class, owner::join);
      assertTrue(failure.getCause() instanceof org.apache.spark.SparkException, failure.toString());
      assertEquals(3, GbtPrefix.trees(waiter.get(2, java.util.concurrent.TimeUnit.MINUTES)));
      assertEquals(5, prefixes.counts()[0], "the waiter's own fit");
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
    throw (E) t;
  }

  /** A tree's splits and leaves, without its header line (which names the tree's own uid). */
  private static String splits(org.apache.spark.ml.regression.DecisionTreeRegressionModel tree) {
    String s = tree.toDebugString();
    return s.substring(s.indexOf('\n'));
  }

  private static Map<String, Double> scores(StudyResult r) {
    Map<String, Double> out = new HashMap<>();
    for (Trial t : r.trials()) out.put(t.assignment().toString(), t.value().getAsDouble());
    return out;
  }
}
