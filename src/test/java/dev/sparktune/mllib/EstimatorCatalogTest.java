package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.regression.GBTRegressor;
import org.junit.jupiter.api.Test;

/** Load-time checks. Plain JUnit: nothing here may need a SparkSession. */
class EstimatorCatalogTest {
  static Settings.Model single(String estimator, Map<String, Object> fixed) {
    return new Settings.Model(estimator, fixed, List.of());
  }

  static Settings.Model scaledLr() {
    return new Settings.Model("", Map.of(), List.of(
        new Settings.Model.Stage("scaler", "standard-scaler", Map.of("withMean", true)),
        new Settings.Model.Stage("lr", "logistic-regression", Map.of("maxIter", 50L))));
  }

  private static String error(Runnable r) {
    return assertThrows(ConfigError.class, r::run).getMessage();
  }

  @Test
  void everyShortNameBuilds() {
    for (String name : EstimatorCatalog.predictorNames()) {
      Map<String, Object> fixed = name.equals("mlp-classifier") ? Map.of("layers", "4,5,3") : Map.of();
      BuiltEstimator b = EstimatorCatalog.build(single(name, fixed));
      LearningTask expected = name.endsWith("regressor") || name.endsWith("linear-regression") ? LearningTask.REGRESSION
          : LearningTask.CLASSIFICATION;
      assertEquals(expected, b.task(), name);
    }
    for (String stage : EstimatorCatalog.featureStageNames()) {
      PipelineStage s = EstimatorCatalog.instantiate(stage, "k", false);
      assertTrue(s.hasParam("outputCol"), stage);
    }
  }

  @Test
  void fixedParamsAreAppliedAndCoerced() {
    BuiltEstimator b = EstimatorCatalog.build(single("gbt-regressor", Map.of("maxIter", 7.0, "lossType", "absolute")));
    GBTRegressor gbt = (GBTRegressor) b.estimator();
    assertEquals(7, gbt.getMaxIter());
    assertEquals("absolute", gbt.getLossType());
  }

  @Test
  void aFullyQualifiedClassNameWorks() {
    BuiltEstimator b = EstimatorCatalog.build(single("org.apache.spark.ml.classification.LogisticRegression", Map.of()));
    assertInstanceOf(LogisticRegression.class, b.estimator());
    assertEquals(LearningTask.CLASSIFICATION, b.task());
  }

  @Test
  void badParamNameListsTheValidOnes() {
    String m = error(() -> EstimatorCatalog.check(single("logistic-regression", Map.of()),
        SearchSpace.of(FloatParam.log("regParm", 1e-4, 1)), ""));
    assertTrue(m.startsWith("sparktune.space.regParm: LogisticRegression has no param 'regParm'; valid params: "
        + "aggregationDepth, elasticNetParam, family, fitIntercept,"), m);
    assertTrue(!m.contains("featuresCol"), "column params are not offered: " + m);
    m = error(() -> EstimatorCatalog.build(single("random-forest-classifier", Map.of("numTree", 20L))));
    assertTrue(m.startsWith("sparktune.model.fixed.numTree: RandomForestClassifier has no param 'numTree'"), m);
  }

  @Test
  void badEstimatorNames() {
    String m = error(() -> EstimatorCatalog.build(single("logistic-regresion", Map.of())));
    assertTrue(m.startsWith("sparktune.model.estimator: expected a short name (logistic-regression, linear-svc,"), m);
    assertTrue(m.endsWith("or a class extending org.apache.spark.ml.Estimator, got 'logistic-regresion'"), m);
    m = error(() -> EstimatorCatalog.build(single("com.example.NoSuchEstimator", Map.of())));
    assertTrue(m.endsWith("got 'com.example.NoSuchEstimator'"), m);
    // A Transformer is a PipelineStage but not an Estimator
    m = error(() -> EstimatorCatalog.build(single("org.apache.spark.ml.feature.VectorAssembler", Map.of())));
    assertTrue(m.contains("a class extending org.apache.spark.ml.Estimator, got 'org.apache.spark.ml.feature.VectorAssembler'"), m);
    // An Estimator that predicts nothing
    m = error(() -> EstimatorCatalog.build(single("org.apache.spark.ml.feature.StandardScaler", Map.of())));
    assertTrue(m.startsWith("sparktune.model.estimator: org.apache.spark.ml.feature.StandardScaler is not a predictor"), m);
  }

  @Test
  void typesOfSpaceParamsAreChecked() {
    String m = error(() -> EstimatorCatalog.check(single("random-forest-classifier", Map.of()),
        SearchSpace.of(FloatParam.of("maxDepth", 2, 10)), ""));
    assertTrue(m.startsWith("sparktune.space.maxDepth: RandomForestClassifier.maxDepth is an integer param, got a float range"), m);
    m = error(() -> EstimatorCatalog.check(single("random-forest-classifier", Map.of()),
        SearchSpace.of(CategoricalParam.of("impurity", "gini", "entropi")), ""));
    assertTrue(m.startsWith("sparktune.space.impurity: entropi is not valid for RandomForestClassifier.impurity"), m);
    m = error(() -> EstimatorCatalog.check(single("logistic-regression", Map.of()),
        SearchSpace.of(FloatParam.of("regParam", -1, 1)), ""));
    assertTrue(m.startsWith("sparktune.space.regParam: -1.0 is not valid for LogisticRegression.regParam"), m);
    m = error(() -> EstimatorCatalog.check(single("logistic-regression", Map.of()),
        SearchSpace.of(CategoricalParam.of("fitIntercept", "yes", "no")), ""));
    assertTrue(m.startsWith("sparktune.space.fitIntercept: LogisticRegression.fitIntercept expects a boolean, got 'yes'"), m);
    // ints and whole numbers are fine for integer params; ints for float params too
    EstimatorCatalog.check(single("random-forest-classifier", Map.of()), SearchSpace.of(
        IntParam.of("maxDepth", 2, 10), CategoricalParam.of("numTrees", 10L, 20.0),
        IntParam.of("minInfoGain", 0, 1)), "accuracy");
  }

  @Test
  void tunedAndFixedAtOnceIsAnError() {
    String m = error(() -> EstimatorCatalog.check(single("logistic-regression", Map.of("regParam", 0.1)),
        SearchSpace.of(FloatParam.of("regParam", 0, 1)), ""));
    assertTrue(m.startsWith("sparktune.space.regParam: is also fixed in sparktune.model.fixed.regParam"), m);
    m = error(() -> EstimatorCatalog.check(scaledLr(), SearchSpace.of(IntParam.of("lr.maxIter", 5, 10)), ""));
    assertTrue(m.startsWith("sparktune.space.lr.maxIter: is also fixed in sparktune.model.pipeline.lr.fixed.maxIter"), m);
  }

  @Test
  void metricMustMatchTheEstimator() {
    SearchSpace none = SearchSpace.of();
    // binary metrics are accepted for any classifier until the data says how many classes
    EstimatorCatalog.check(single("random-forest-classifier", Map.of()), none, "areaUnderPR");
    EstimatorCatalog.check(single("linear-regression", Map.of()), none, "R2");
    String m = error(() -> EstimatorCatalog.check(single("logistic-regression", Map.of()), none, "rmse"));
    assertTrue(m.startsWith("sparktune.metric: 'rmse' is a regression metric, but the estimator is a classification; expected one of areaUnderROC"), m);
    m = error(() -> EstimatorCatalog.check(single("gbt-regressor", Map.of()), none, "areaUnderROC"));
    assertTrue(m.startsWith("sparktune.metric: 'areaUnderROC' is a classification metric"), m);
    m = error(() -> EstimatorCatalog.check(single("gbt-regressor", Map.of()), none, "rsme"));
    assertEquals("sparktune.metric: 'rsme' is not a known metric; expected one of rmse, mse, r2, mae, var", m);
    m = error(() -> EstimatorCatalog.check(single("linear-svc", Map.of()), none, "logLoss"));
    assertTrue(m.startsWith("sparktune.metric: logLoss needs class probabilities, which linear-svc does not produce"), m);
  }

  @Test
  void metricResolvesAgainstTheClassCount() {
    BuiltEstimator lr = EstimatorCatalog.build(single("logistic-regression", Map.of()));
    assertEquals(new Metric("areaUnderROC", Metric.Kind.BINARY), Metric.resolve("", lr, 2));
    assertEquals(new Metric("f1", Metric.Kind.MULTICLASS), Metric.resolve("", lr, 10));
    assertEquals(new Metric("accuracy", Metric.Kind.MULTICLASS), Metric.resolve("Accuracy", lr, 10));
    String m = error(() -> Metric.resolve("areaUnderROC", lr, 10));
    assertTrue(m.startsWith("sparktune.metric: areaUnderROC needs a binary label, but the label has 10 classes; use one of f1"), m);
    BuiltEstimator reg = EstimatorCatalog.build(single("linear-regression", Map.of()));
    assertEquals(new Metric("rmse", Metric.Kind.REGRESSION), Metric.resolve(null, reg, 0));
    assertEquals(dev.sparktune.trial.Direction.MINIMIZE, Metric.resolve("mae", reg, 0).direction());
    assertEquals(dev.sparktune.trial.Direction.MAXIMIZE, Metric.resolve("r2", reg, 0).direction());
    assertEquals(dev.sparktune.trial.Direction.MINIMIZE, Metric.resolve("logLoss", lr, 3).direction());
  }

  @Test
  void metricListsMatchTheEvaluatorsValidators() {
    for (Metric.Kind kind : Metric.Kind.values()) {
      List<String> names = kind == Metric.Kind.BINARY ? Metric.BINARY
          : kind == Metric.Kind.MULTICLASS ? Metric.MULTICLASS : Metric.REGRESSION;
      for (String n : names) {
        // Spark's setter refuses a name its evaluator does not know, so an unknown one fails here;
        // the evaluator must then compute that metric and agree on its direction.
        Evaluator e = new Metric(n, kind).evaluator();
        assertEquals(n, e.getOrDefault(e.getParam("metricName")), kind + " " + n);
        assertEquals(e.isLargerBetter(), new Metric(n, kind).direction() == Direction.MAXIMIZE, kind + " " + n);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> new Metric("accuracy", Metric.Kind.BINARY).evaluator());
  }

  @Test
  void pipelineStagesAreChainedAndPrefixed() {
    BuiltEstimator b = EstimatorCatalog.check(scaledLr(),
        SearchSpace.of(FloatParam.log("lr.regParam", 1e-4, 1), CategoricalParam.of("scaler.withStd", true, false)),
        "areaUnderROC");
    Pipeline p = (Pipeline) b.estimator();
    StandardScaler scaler = (StandardScaler) p.getStages()[0];
    LogisticRegression lr = (LogisticRegression) p.getStages()[1];
    assertEquals("features", scaler.getInputCol());
    assertEquals("scaler_out", scaler.getOutputCol());
    assertEquals("scaler_out", lr.getFeaturesCol());
    assertTrue(scaler.getWithMean());
    assertEquals(50, lr.getMaxIter());
    assertEquals(LearningTask.CLASSIFICATION, b.task());
    assertEquals(List.of("scaler", "lr"), List.copyOf(b.stages().keySet()));
  }

  @Test
  void pipelineMistakesNameTheStage() {
    String m = error(() -> EstimatorCatalog.check(scaledLr(), SearchSpace.of(FloatParam.of("regParam", 0, 1)), ""));
    assertTrue(m.startsWith("sparktune.space.regParam: a pipeline param needs its stage as prefix (stage.param); stages: scaler, lr"), m);
    m = error(() -> EstimatorCatalog.check(scaledLr(), SearchSpace.of(FloatParam.of("logreg.regParam", 0, 1)), ""));
    assertTrue(m.startsWith("sparktune.space.logreg.regParam: no pipeline stage 'logreg'; stages: scaler, lr"), m);
    Settings.Model reversed = new Settings.Model("", Map.of(), List.of(
        new Settings.Model.Stage("lr", "logistic-regression", Map.of()),
        new Settings.Model.Stage("scaler", "standard-scaler", Map.of())));
    m = error(() -> EstimatorCatalog.build(reversed));
    assertTrue(m.startsWith("sparktune.model.pipeline.lr.estimator: expected a short name (standard-scaler,"), m);
    Settings.Model pcaWithoutK = new Settings.Model("", Map.of(), List.of(
        new Settings.Model.Stage("pca", "pca", Map.of()), new Settings.Model.Stage("lr", "logistic-regression", Map.of())));
    m = error(() -> EstimatorCatalog.build(pcaWithoutK));
    assertEquals("sparktune.model.pipeline.pca.fixed.k: PCA cannot fit without 'k'; set it here or tune it in sparktune.space", m);
  }

  /**
   * The whole load-time check runs in a fresh JVM and must leave it without a SparkContext: in
   * this JVM another test class may already have started the shared session.
   */
  @Test
  void checkingNeedsNoSparkSession() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        NoSession.class.getName()).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("checked without Spark"), out);
  }

  /** Entry point of the child JVM of {@link #checkingNeedsNoSparkSession}. */
  public static final class NoSession {
    public static void main(String[] args) {
      EstimatorCatalog.check(scaledLr(), SearchSpace.of(FloatParam.log("lr.regParam", 1e-4, 1)), "areaUnderPR");
      for (String name : EstimatorCatalog.predictorNames()) {
        EstimatorCatalog.build(single(name, name.equals("mlp-classifier") ? Map.of("layers", "4,3") : Map.of()));
      }
      if (org.apache.spark.sql.SparkSession.getDefaultSession().isDefined()
          || org.apache.spark.sql.SparkSession.getActiveSession().isDefined()) {
        throw new AssertionError("a SparkSession was started");
      }
      System.out.println("checked without Spark");
    }
  }

  @Test
  void aClassNameIsCheckedForRequiredParamsAsItsShortNameIs() {
    String m = error(() -> EstimatorCatalog.build(
        single("org.apache.spark.ml.classification.MultilayerPerceptronClassifier", Map.of())));
    assertEquals("sparktune.model.fixed.layers: MultilayerPerceptronClassifier cannot fit without 'layers'; "
        + "set it here or tune it in sparktune.space", m);
    Settings.Model pcaByClass = new Settings.Model("", Map.of(), List.of(
        new Settings.Model.Stage("pca", "org.apache.spark.ml.feature.PCA", Map.of()),
        new Settings.Model.Stage("lr", "logistic-regression", Map.of())));
    m = error(() -> EstimatorCatalog.build(pcaByClass));
    assertTrue(m.startsWith("sparktune.model.pipeline.pca.fixed.k: PCA cannot fit without 'k'"), m);
    m = error(() -> EstimatorCatalog.build(single("org.apache.spark.ml.classification.OneVsRest", Map.of())));
    assertTrue(m.startsWith("sparktune.model.estimator: OneVsRest cannot fit without 'classifier', which takes an "
        + "estimator object that a config cannot give"), m);
  }
}
