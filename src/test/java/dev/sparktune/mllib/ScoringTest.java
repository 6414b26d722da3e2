package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.space.Assignment;
import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved model scores rows as the source holds them: {@code PipelineModel.load(dir)} on the
 * source's rows, without the label, predicts exactly what the tuned model predicted on the rows
 * sparktune assembled, and a string label comes back as its own values.
 */
@Tag("spark")
class ScoringTest {
  private static final String ADULT = "adult/adult_train.csv.gz";
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  private static Dataset<Row> csv(String relative) {
    return spark.read().option("header", "true").option("inferSchema", "true").csv(SparkTestSession.data(relative));
  }

  /** The saved stage that is the tuned model, reading {@code features} again as during tuning. */
  private static Model<?> tuned(PipelineModel saved, Class<?> type) {
    Transformer t = Arrays.stream(saved.stages()).filter(type::isInstance).findFirst().orElseThrow();
    ParamMap back = new ParamMap();
    for (String p : List.of("featuresCol", "inputCol")) {
      if (t.hasParam(p) && String.valueOf(t.getOrDefault(t.getParam(p))).startsWith("__sparktune_")) {
        back.put(t.getParam(p), "features");
      }
    }
    return (Model<?>) t.copy(back);
  }

  private static List<Double> predictions(Dataset<Row> scored) {
    return scored.select("prediction").collectAsList().stream().map(r -> r.getDouble(0)).toList();
  }

  @Test
  void stringLabelAndStringFeaturesScoreFromTheSourceColumns(@TempDir Path dir) {
    DataLoader.Loaded adult = DataLoader.load(spark, new Settings.Data(SparkTestSession.data(ADULT), "csv", "income",
        List.of(), 0.2, Settings.Data.Missing.FAIL, 0, Map.of(), List.of("fnlwgt")));
    assertEquals(List.of("<=50K", ">50K"), adult.labelLevels());
    assertFalse(adult.featureColumns().contains("fnlwgt"), "excluded: " + adult.featureColumns());
    assertEquals(13, adult.featureColumns().size());
    String where = dir.resolve("model").toUri().toString();
    try (Folds folds = Folds.create(adult.data(), LearningTask.CLASSIFICATION, 2, 3L, 0.2, 0)) {
      MllibObjective objective = new MllibObjective(spark, folds,
          new Settings.Model("logistic-regression", Map.of("maxIter", 30L), List.of()), "areaUnderROC")
          .scoring(adult.scoring());
      Refit.Result r = objective.refit(Assignment.of(Map.of("regParam", 0.01)), Optional.of(where));
      assertEquals("predictedLabel", r.predictionColumn());
      assertEquals("org.apache.spark.ml.feature.SQLTransformer", r.savedStages().get(0));
    }

    PipelineModel saved = PipelineModel.load(where);
    assertInstanceOf(IndexToString.class, saved.stages()[saved.stages().length - 2]);
    // Stock MLlib stages only: the model loads wherever Spark does, without sparktune.
    for (Transformer t : saved.stages()) assertTrue(t.getClass().getName().startsWith("org.apache.spark.ml."), t::toString);
    Dataset<Row> rows = csv(ADULT).drop("income");
    // A category never seen in training is scored (encoded as all zeros), not refused.
    Row martian = saved.transform(rows.limit(1).withColumn("workclass", lit("Martian"))).select("predictedLabel").first();
    assertTrue(List.of("<=50K", ">50K").contains(martian.getString(0)), martian::toString);
    Dataset<Row> scored = saved.transform(rows);
    // The source's columns, then the model's: no internal column is left behind.
    List<String> columns = List.of(scored.columns());
    assertEquals(List.of(rows.columns()), columns.subList(0, rows.columns().length));
    assertTrue(columns.stream().noneMatch(c -> c.startsWith("__sparktune")), columns::toString);
    assertEquals(List.of("rawPrediction", "probability", "prediction", "predictedLabel"),
        columns.subList(rows.columns().length, columns.size()));

    // The same predictions as the tuned model on the rows sparktune assembled, row for row.
    List<Double> fromSource = predictions(scored);
    List<Double> fromAssembled = predictions(tuned(saved, LogisticRegressionModel.class).transform(adult.data()));
    assertEquals(32561, fromSource.size());
    assertEquals(fromAssembled, fromSource);
    // In the label's own terms, and right about as often as a linear model on Adult is (~85%).
    List<Row> labelled = saved.transform(csv(ADULT)).select("income", "predictedLabel", "prediction").collectAsList();
    long right = labelled.stream().filter(r -> r.getString(0).equals(r.getString(1))).count();
    assertTrue(right > 0.8 * labelled.size(), right + " of " + labelled.size() + " right");
    assertTrue(labelled.stream().allMatch(r -> r.getString(1).equals(r.getDouble(2) == 0 ? "<=50K" : ">50K")));
  }

  @Test
  void aUserPipelineIsRewiredToTheAssembledColumn(@TempDir Path dir) {
    String path = "sklearn_breast_cancer/breast_cancer.csv";
    DataLoader.Loaded cancer = DataLoader.load(spark, new Settings.Data(SparkTestSession.data(path), "csv", "target",
        List.of(), 0.2, Settings.Data.Missing.FAIL, 0, Map.of()));
    String where = dir.resolve("model").toUri().toString();
    try (Folds folds = Folds.create(cancer.data(), LearningTask.CLASSIFICATION, 2, 1L, 0.2, 0)) {
      MllibObjective objective = new MllibObjective(spark, folds, EstimatorCatalogTest.scaledLr(), "areaUnderROC")
          .scoring(cancer.scoring());
      Refit.Result r = objective.refit(Assignment.of(Map.of("lr.regParam", 0.01)), Optional.of(where));
      assertEquals("prediction", r.predictionColumn());
    }
    PipelineModel saved = PipelineModel.load(where);
    PipelineModel inner = (PipelineModel) tuned(saved, PipelineModel.class);
    // The scaler read "features" while tuning; in the saved pipeline it reads the assembled column.
    List<Double> fromSource = predictions(saved.transform(csv(path).drop("target")));
    List<Double> fromAssembled = predictions(inner.copy(rewireBack(inner)).transform(cancer.data()));
    assertEquals(569, fromSource.size());
    assertEquals(fromAssembled, fromSource);
    // A row with a missing feature fails the assembly, as the study dropped such rows.
    Dataset<Row> blank = csv(path).drop("target").limit(1).withColumn("mean_radius", lit(null).cast("double"));
    Exception e = assertThrows(Exception.class, () -> saved.transform(blank).collectAsList());
    assertTrue(String.valueOf(e.getMessage()).contains("null"), e::toString);
  }

  private static ParamMap rewireBack(PipelineModel inner) {
    ParamMap back = new ParamMap();
    for (Transformer t : inner.stages()) {
      for (String p : List.of("featuresCol", "inputCol")) {
        if (t.hasParam(p) && String.valueOf(t.getOrDefault(t.getParam(p))).startsWith("__sparktune_")) {
          back.put(t.getParam(p), "features");
        }
      }
    }
    return back;
  }

  @Test
  void libsvmDataIsScoredByTheModelAlone(@TempDir Path dir) {
    DataLoader.Loaded spam = DataLoader.load(spark, new Settings.Data(SparkTestSession.data("spambase/spambase.libsvm"),
        "libsvm", "label", List.of(), 0.2, Settings.Data.Missing.FAIL, 0, Map.of()));
    String where = dir.resolve("model").toUri().toString();
    try (Folds folds = Folds.create(spam.data(), LearningTask.CLASSIFICATION, 2, 1L, 0.2, 0)) {
      new MllibObjective(spark, folds, new Settings.Model("logistic-regression", Map.of("maxIter", 20L), List.of()),
          "areaUnderROC").scoring(spam.scoring()).refit(Assignment.of(Map.of("regParam", 0.01)), Optional.of(where));
    }
    PipelineModel saved = PipelineModel.load(where);
    assertEquals(1, saved.stages().length);
    Dataset<Row> rows = spark.read().format("libsvm").load(SparkTestSession.data("spambase/spambase.libsvm"));
    Dataset<Row> scored = saved.transform(rows.drop("label"));
    assertEquals(4601, scored.filter(col("prediction").isin(0.0, 1.0)).count());
  }
}
