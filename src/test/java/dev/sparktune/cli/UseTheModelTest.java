package dev.sparktune.cli;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user does with a study's output: load {@code model/} with {@code PipelineModel.load}
 * and score rows of the source as they come, without the label, with the README's own lines.
 * Studies are cut to one or two quick trials; what is checked is the saved pipeline, best.json's
 * description of it, and the likely-leak flag.
 */
@Tag("spark")
class UseTheModelTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final String HOUSING = "notebooks-data/california_housing/california_housing.csv.gz";
  private static final String MODEL = "target/sparktune/regression/model";

  /** README's "Use the model" block, line for line. */
  private static final List<String> README_LINES = List.of(
      "PipelineModel model = PipelineModel.load(\"" + MODEL + "\");",
      "Dataset<Row> rows = spark.read().option(\"header\", true).option(\"inferSchema\", true)",
      "    .csv(\"" + HOUSING + "\").na().drop();",
      "Dataset<Row> scored = model.transform(rows.drop(\"median_house_value\"));",
      "scored.select(\"longitude\", \"latitude\", \"prediction\").show(3);");

  @TempDir static Path tmp;
  private static SparkSession spark;

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  /** The README's lines, with the model and data paths as arguments. */
  private static Dataset<Row> readmeLines(String modelDir, String data) {
    PipelineModel model = PipelineModel.load(modelDir);
    Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true)
        .csv(data).na().drop();
    Dataset<Row> scored = model.transform(rows.drop("median_house_value"));
    scored.select("longitude", "latitude", "prediction").show(3);
    return scored;
  }

  private static MainRun tune(Path out, String conf, String... overrides) {
    List<String> args = new ArrayList<>();
    if (conf != null) args.add(PROJECT.resolve(conf).toString());
    args.add("sparktune.output.dir=" + out.toUri());
    args.addAll(Arrays.asList(overrides));
    MainRun r = MainRun.of(args);
    assertEquals(0, r.code(), r::toString);
    return r;
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void theReadmeShowsTheLinesThisTestRuns() throws Exception {
    String readme = Files.readString(PROJECT.resolve("README.md"));
    assertTrue(readme.contains(String.join("\n", README_LINES)), "README's use-the-model lines are not:\n"
        + String.join("\n", README_LINES));
  }

  @Test
  void theRegressionExamplesModelScoresTheCsvAsItComes() throws Exception {
    Path out = tmp.resolve("regression");
    tune(out, "conf/examples/regression.conf", "sparktune.data.path=" + PROJECT.resolve(HOUSING),
        "sparktune.search.trials=1", "sparktune.cv.folds=2", "sparktune.model.fixed.maxIter=3");
    String best = Files.readString(out.resolve("best.json"));
    assertTrue(best.contains("\"features\": [\"longitude\", \"latitude\", \"housing_median_age\", "), best);
    assertTrue(best.contains("\"model_class\": \"org.apache.spark.ml.PipelineModel\""), best);
    assertTrue(best.contains("\"prediction_column\": \"prediction\""), best);
    assertTrue(best.contains("\"likely_leak\": false"), best);

    Dataset<Row> scored = readmeLines(out.resolve("model").toString(), PROJECT.resolve(HOUSING).toString());
    assertEquals(20433, scored.count());
    // The file's own label, for the score: near the refit's test RMSE (most rows were its training rows).
    Dataset<Row> labelled = spark.read().option("header", true).option("inferSchema", true)
        .csv(PROJECT.resolve(HOUSING).toString()).na().drop();
    double rmse = new RegressionEvaluator().setLabelCol("median_house_value")
        .evaluate(readmeModel(out).transform(labelled));
    double test = number(best, "test_metric");
    assertTrue(Math.abs(rmse - test) < 0.1 * test, "rmse on every row " + rmse + ", on the test rows " + test);
  }

  private static PipelineModel readmeModel(Path out) {
    return PipelineModel.load(out.resolve("model").toString());
  }

  @Test
  void theQuickstartsModelScoresTheLibsvmRows() {
    Path out = tmp.resolve("quickstart");
    tune(out, "conf/examples/quickstart.conf", "sparktune.data.path=" + PROJECT.resolve("notebooks-data/spambase/spambase.libsvm"),
        "sparktune.search.trials=2", "sparktune.model.fixed.maxIter=20");
    // The README's lines but the first read: the quickstart's rows are libsvm.
    PipelineModel model = PipelineModel.load(out.resolve("model").toString());
    Dataset<Row> rows = spark.read().format("libsvm").load(PROJECT.resolve("notebooks-data/spambase/spambase.libsvm").toString());
    Dataset<Row> scored = model.transform(rows.drop("label"));
    scored.select("prediction").show(3);
    assertEquals(4601, scored.filter(col("prediction").isin(0.0, 1.0)).count());
    double auc = new BinaryClassificationEvaluator().evaluate(model.transform(rows));
    assertTrue(auc > 0.9, "AUC " + auc);
  }

  @Test
  void aStringLabelComesBackAsItsValuesAndExcludedColumnsAreLeftOut() throws Exception {
    Path out = tmp.resolve("adult");
    String adult = PROJECT.resolve("notebooks-data/adult/adult_train.csv.gz").toString();
    tune(out, null, "sparktune.name=adult", "sparktune.data.path=" + adult, "sparktune.data.format=csv",
        "sparktune.data.label=income", "sparktune.data.exclude=[fnlwgt]",
        "sparktune.model.estimator=logistic-regression", "sparktune.model.fixed.maxIter=30",
        "sparktune.space.regParam={type=float, low=1e-3, high=1e-2, log=true}", "sparktune.search.trials=1",
        "sparktune.cv.folds=2");
    String best = Files.readString(out.resolve("best.json"));
    assertTrue(best.contains("\"label\": \"income\",\n    \"label_values\": [\"<=50K\", \">50K\"],"), best);
    assertFalse(best.contains("\"fnlwgt\""), best);
    assertTrue(best.contains("\"hours_per_week\", \"native_country\"]"), best);
    assertTrue(best.contains("\"prediction_column\": \"predictedLabel\""), best);

    PipelineModel model = PipelineModel.load(out.resolve("model").toString());
    Dataset<Row> rows = spark.read().option("header", true).option("inferSchema", true).csv(adult);
    List<Row> scored = model.transform(rows.drop("income")).select("predictedLabel").collectAsList();
    List<Row> truth = rows.select("income").collectAsList();
    long right = 0;
    for (int i = 0; i < truth.size(); i++) if (truth.get(i).getString(0).equals(scored.get(i).getString(0))) right++;
    assertTrue(right > 0.8 * truth.size(), right + " of " + truth.size());
  }

  @Test
  void aNearPerfectRegressionIsFlaggedAsALikelyLeak() throws Exception {
    // The housing data with a column computed from the label, as a careless join would add it.
    Path leaky = tmp.resolve("leaky-csv");
    spark.read().option("header", true).option("inferSchema", true).csv(PROJECT.resolve(HOUSING).toString())
        .withColumn("value_in_thousands", col("median_house_value").divide(1000)).coalesce(1)
        .write().option("header", true).csv(leaky.toString());
    Path out = tmp.resolve("leak");
    MainRun r = tune(out, null, "sparktune.name=leak", "sparktune.data.path=" + leaky, "sparktune.data.format=csv",
        "sparktune.data.label=median_house_value", "sparktune.model.estimator=linear-regression",
        "sparktune.space.regParam={type=float, low=1e-9, high=1e-8, log=true}", "sparktune.search.trials=1",
        "sparktune.cv.folds=2", "sparktune.metric=rmse");
    assertTrue(r.out().contains("warning: likely leak: the cross-validated rmse = "), r::toString);
    String best = Files.readString(out.resolve("best.json"));
    assertTrue(best.contains("\"likely_leak\": true"), best);
    assertTrue(best.contains("\"warnings\": [\"likely leak: "), best);
  }
}
