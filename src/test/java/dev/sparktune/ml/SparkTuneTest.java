package dev.sparktune.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Estimator against MLlib's CrossValidator, side by side on spambase: the same grid and the
 * same folds (by seed, and by foldCol) give the same avgMetrics to 1e-12 and the same best model;
 * then persistence (alone and inside a PipelineModel), the generic Params API, a searched space
 * that resumes from its journal, and the CLI's errors.
 */
@Tag("spark")
class SparkTuneTest {
  private static SparkSession spark;
  private static Dataset<Row> data;

  @BeforeAll
  static void load() {
    spark = SparkTestSession.get();
    data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm")).cache();
  }

  private static Pipeline pipeline(LogisticRegression lr) {
    StandardScaler scaler = new StandardScaler("scaler").setInputCol("features").setOutputCol("scaled");
    return new Pipeline("pipe").setStages(new PipelineStage[] {scaler, lr.setFeaturesCol("scaled").setMaxIter(25)});
  }

  private static ParamMap[] grid(LogisticRegression lr) {
    return new ParamGridBuilder().addGrid(lr.regParam(), new double[] {1e-3, 1e-2, 1e-1})
        .addGrid(lr.elasticNetParam(), new double[] {0.0, 0.5}).build();
  }

  @Test
  void aGridScoresAsCrossValidatorScoresItAndPicksTheSameBestModel() {
    LogisticRegression lr = new LogisticRegression("lr");
    Pipeline pipe = pipeline(lr);
    ParamMap[] grid = grid(lr);
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    Dataset<Row> withFolds = data.withColumn("fold", pmod(xxhash64(col("features"), lit(3)), lit(3)).cast("int"));
    for (String foldCol : List.of("", "fold")) {
      CrossValidatorModel cv = new CrossValidator().setEstimator(pipe).setEvaluator(auc).setEstimatorParamMaps(grid)
          .setNumFolds(3).setSeed(11).setFoldCol(foldCol).setParallelism(2).fit(withFolds);
      SparkTuneModel ours = new SparkTune().setEstimator(pipe).setEvaluator(auc).setEstimatorParamMaps(grid)
          .setNumFolds(3).setSeed(11).setFoldCol(foldCol).setParallelism(0).fit(withFolds);
      double[] a = cv.avgMetrics();
      double[] b = ours.avgMetrics();
      assertEquals(grid.length, b.length);
      for (int i = 0; i < a.length; i++) {
        assertTrue(a[i] > 0.9, "AUC " + a[i]);
        assertEquals(a[i], b[i], 1e-12, "foldCol '" + foldCol + "' point " + i + ": " + grid[i]);
        System.out.printf("foldCol '%s' point %d: CrossValidator %.17f sparktune %.17f (diff %.1e)%n", foldCol, i,
            a[i], b[i], Math.abs(a[i] - b[i]));
      }
      LogisticRegressionModel cvBest = (LogisticRegressionModel) ((PipelineModel) cv.bestModel()).stages()[1];
      LogisticRegressionModel ourBest = (LogisticRegressionModel) ((PipelineModel) ours.bestModel()).stages()[1];
      assertEquals(cvBest.getRegParam(), ourBest.getRegParam());
      assertEquals(cvBest.getElasticNetParam(), ourBest.getElasticNetParam());
      assertArrayEquals(cvBest.coefficients().toArray(), ourBest.coefficients().toArray(), 1e-12);
      assertEquals(grid.length, ours.trials().count());
      assertEquals(3, ours.stdMetrics().length > 0 ? 3 : 0);
      assertTrue(ours.stdMetrics()[0] > 0 && ours.stdMetrics()[0] < 0.05, "std " + ours.stdMetrics()[0]);
    }
  }

  /**
   * A GBT grid with a maxIter axis: sparktune scores the smaller maxIter points from the first
   * trees of each maxDepth's largest fit (search.gbt-prefixes, on by default), and still scores
   * every point as CrossValidator does and picks the same best model.
   */
  @Test
  void aGbtGridWithAMaxIterAxisScoresAsCrossValidatorWithPrefixes() throws Exception {
    GBTClassifier gbt = new GBTClassifier("gbt").setSubsamplingRate(0.8);
    ParamMap[] grid = new ParamGridBuilder().addGrid(gbt.maxDepth(), new int[] {2, 3})
        .addGrid(gbt.maxIter(), new int[] {2, 6}).build();
    BinaryClassificationEvaluator auc = new BinaryClassificationEvaluator();
    CrossValidatorModel cv = new CrossValidator().setEstimator(gbt).setEvaluator(auc).setEstimatorParamMaps(grid)
        .setNumFolds(3).setSeed(11).setParallelism(2).fit(data);
    SparkTune tuner = new SparkTune().setEstimator(gbt).setEvaluator(auc).setEstimatorParamMaps(grid)
        .setNumFolds(3).setSeed(11).setParallelism(0);
    long[] jobs = new long[1];
    var counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart e) {
        synchronized (jobs) {
          jobs[0]++;
        }
      }
    };
    spark.sparkContext().addSparkListener(counter);
    SparkTuneModel ours;
    SparkTuneModel without;
    long withJobs;
    long withoutJobs;
    try {
      ours = tuner.fit(data);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      synchronized (jobs) {
        withJobs = jobs[0];
        jobs[0] = 0;
      }
      without = tuner.copy(new ParamMap()).setSettings("search { gbt-prefixes = false }").fit(data);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      synchronized (jobs) {
        withoutJobs = jobs[0];
      }
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    for (int i = 0; i < grid.length; i++) {
      assertEquals(cv.avgMetrics()[i], ours.avgMetrics()[i], 1e-12, "point " + i + ": " + grid[i]);
      assertEquals(cv.avgMetrics()[i], without.avgMetrics()[i], 1e-12, "point " + i + " without prefixes");
    }
    // 2 × 6 trees per fold instead of 2 × (2 + 6): fewer Spark jobs, the same scores.
    assertTrue(withJobs < withoutJobs * 0.9, "jobs with prefixes " + withJobs + ", without " + withoutJobs);
    GBTClassificationModel cvBest = (GBTClassificationModel) cv.bestModel();
    GBTClassificationModel ourBest = (GBTClassificationModel) ours.bestModel();
    assertEquals(cvBest.getMaxDepth(), ourBest.getMaxDepth());
    assertEquals(cvBest.getNumTrees(), ourBest.getNumTrees());
  }

  @Test
  void tunerAndModelRoundTripAloneAndInsideAPipeline(@TempDir Path tmp) throws Exception {
    LogisticRegression lr = new LogisticRegression("lr");
    SparkTune tuner = new SparkTune().setEstimator(pipeline(lr)).setEvaluator(new BinaryClassificationEvaluator())
        .setEstimatorParamMaps(grid(lr)).setNumFolds(2).setSeed(5);
    tuner.write().overwrite().save(tmp.resolve("tuner").toString());
    SparkTune back = SparkTune.load(tmp.resolve("tuner").toString());
    assertEquals(tuner.uid(), back.uid());
    assertEquals(2, back.getNumFolds());
    assertEquals(5L, back.getSeed());
    assertEquals(tuner.getEstimatorParamMaps().length, back.getEstimatorParamMaps().length);
    for (int i = 0; i < tuner.getEstimatorParamMaps().length; i++) {
      assertEquals(tuner.getEstimatorParamMaps()[i].toString(), back.getEstimatorParamMaps()[i].toString());
    }
    assertInstanceOf(Pipeline.class, back.getEstimator());
    assertTrue(back.explainParams().contains("numFolds: number of folds"), back.explainParams());

    // The generic Params API, as code written for CrossValidator sets it.
    SparkTune generic = back.copy(new ParamMap());
    generic.set(generic.getParam("numFolds"), 3);
    assertEquals(3, generic.getNumFolds());
    assertEquals(2, back.getNumFolds());

    // Inside a Pipeline: fitted, saved as a PipelineModel, loaded, scoring the same.
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {back}).fit(data);
    fitted.write().overwrite().save(tmp.resolve("pm").toString());
    PipelineModel loaded = PipelineModel.load(tmp.resolve("pm").toString());
    SparkTuneModel m = assertInstanceOf(SparkTuneModel.class, loaded.stages()[0]);
    SparkTuneModel original = (SparkTuneModel) fitted.stages()[0];
    assertArrayEquals(original.avgMetrics(), m.avgMetrics(), 0.0);
    assertArrayEquals(original.stdMetrics(), m.stdMetrics(), 0.0);
    assertEquals(original.trials().count(), m.trials().count());
    List<Row> p1 = fitted.transform(data).select("probability").limit(50).collectAsList();
    List<Row> p2 = loaded.transform(data).select("probability").limit(50).collectAsList();
    assertEquals(p1, p2);

    // And the model on its own.
    original.write().overwrite().save(tmp.resolve("model").toString());
    SparkTuneModel alone = SparkTuneModel.load(tmp.resolve("model").toString());
    assertEquals(original.uid(), alone.uid());
    assertArrayEquals(original.avgMetrics(), alone.avgMetrics(), 0.0);
  }

  @Test
  void aSpaceIsSearchedWithTheCliSettingsAndResumesFromItsOutputDir(@TempDir Path tmp) {
    LogisticRegression lr = new LogisticRegression("lr");
    SparkTune tuner = new SparkTune().setEstimator(pipeline(lr)).setEvaluator(new BinaryClassificationEvaluator())
        .setSpace("lr { regParam { type = float, low = 1e-4, high = 1, log = true } }")
        .setSettings("search { sampler = tpe, seed = 3 }").setTrials(4).setNumFolds(2)
        .setOutputDir(tmp.resolve("out").toString());
    SparkTuneModel first = tuner.fit(data);
    assertEquals(4, first.trials().count());
    assertEquals(4, first.avgMetrics().length);
    List<Row> before = first.trials().select("number", "`lr.regParam`", "mean").orderBy("number").collectAsList();
    SparkTuneModel more = tuner.copy(new ParamMap()).setTrials(6).fit(data);
    List<Row> after = more.trials().select("number", "`lr.regParam`", "mean").orderBy("number").collectAsList();
    assertEquals(6, after.size());
    assertEquals(before, after.subList(0, 4), "the resumed study replays the first four trials, not refits them");
  }

  @Test
  void aScheduleFromTheSettingsGrowsAStageParam() {
    LogisticRegression lr = new LogisticRegression("lr");
    SparkTuneModel m = new SparkTune().setEstimator(pipeline(lr)).setEvaluator(new BinaryClassificationEvaluator())
        .setSpace("lr { regParam { type = float, low = 1e-3, high = 1, log = true } }")
        .setSettings("schedule { type = asha, budget { kind = param, param = lr.maxIter, min = 4, max = 12 } }")
        .setTrials(3).setNumFolds(2).setParallelism(1).fit(data);
    List<String> budgets = m.trials().select("budget").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    assertTrue(budgets.contains("lr.maxIter=4") && budgets.contains("lr.maxIter=12"), budgets.toString());
    LogisticRegressionModel best = (LogisticRegressionModel) ((PipelineModel) m.bestModel()).stages()[1];
    assertEquals(12, best.getMaxIter());
  }

  @Test
  void errorsNameTheParamAndTheValidOnesOrTheStage() {
    LogisticRegression lr = new LogisticRegression("lr");
    SparkTune spaced = new SparkTune().setEstimator(new LogisticRegression()).setEvaluator(new BinaryClassificationEvaluator())
        .setSpace("regParm { type = float, low = 0.01, high = 1 }");
    ConfigError e = assertThrows(ConfigError.class, () -> spaced.fit(data));
    assertTrue(e.getMessage().contains("has no param 'regParm'") && e.getMessage().contains("valid params: ")
        && e.getMessage().contains("regParam"), e.getMessage());

    LogisticRegression other = new LogisticRegression("elsewhere");
    ParamMap[] foreign = new ParamGridBuilder().addGrid(other.regParam(), new double[] {0.1, 1}).build();
    SparkTune gridded = new SparkTune().setEstimator(pipeline(lr)).setEvaluator(new BinaryClassificationEvaluator())
        .setEstimatorParamMaps(foreign);
    ConfigError g = assertThrows(ConfigError.class, () -> gridded.fit(data));
    assertTrue(g.getMessage().contains("stage 'elsewhere'") && g.getMessage().contains("stages: scaler, lr"),
        g.getMessage());

    LogisticRegression plain = new LogisticRegression();
    SparkTune badKey = new SparkTune().setEstimator(plain).setEvaluator(new BinaryClassificationEvaluator())
        .setEstimatorParamMaps(grid(plain)).setSettings("search { trails = 4 }");
    ConfigError k = assertThrows(ConfigError.class, () -> badKey.fit(data));
    assertTrue(k.getMessage().contains("sparktune.search.trails: unknown key; did you mean 'trials'?"), k.getMessage());

    // The gaps the README names are refused by name, before any fit.
    org.apache.spark.ml.classification.MultilayerPerceptronClassifier mlp =
        new org.apache.spark.ml.classification.MultilayerPerceptronClassifier();
    ParamMap[] layers = {new ParamMap().put(mlp.layers(), new int[] {57, 2}),
        new ParamMap().put(mlp.layers(), new int[] {57, 5, 2})};
    ConfigError l = assertThrows(ConfigError.class, () -> new SparkTune().setEstimator(mlp)
        .setEvaluator(new BinaryClassificationEvaluator()).setEstimatorParamMaps(layers).fit(data));
    assertTrue(l.getMessage().startsWith("estimatorParamMaps: layers = "), l.getMessage());
    ConfigError c = assertThrows(ConfigError.class, () -> new SparkTune().setEstimator(plain)
        .setEvaluator(new BinaryClassificationEvaluator()).setEstimatorParamMaps(grid(plain)).setCollectSubModels(true)
        .fit(data));
    assertTrue(c.getMessage().startsWith("collectSubModels: "), c.getMessage());
    ConfigError f = assertThrows(ConfigError.class, () -> new SparkTune().setEstimator(plain)
        .setEvaluator(new BinaryClassificationEvaluator()).setSpace("regParam { type = float, low = 0.01, high = 1 }")
        .setSettings("schedule { type = asha, budget { kind = data-fraction, min = 0.1, max = 1 } }").fit(data));
    assertTrue(f.getMessage().startsWith("sparktune.schedule.budget.kind: data-fraction"), f.getMessage());
    assertTrue(e.getMessage().contains("sparktune.space.regParm: LogisticRegression has no param 'regParm'; valid params: "),
        e.getMessage());
    assertTrue(g.getMessage().startsWith("estimatorParamMaps: param 'regParam' belongs to stage 'elsewhere', which is "
        + "not a stage of the pipeline; stages: scaler, lr"), g.getMessage());
  }
}
