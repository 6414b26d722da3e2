package dev.sparktune.mllib;

import dev.sparktune.engine.SparkCompat;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * How a row of the source becomes what the tuned model reads, and how its prediction goes back to
 * the label's own values: what {@code model/} must hold besides the model, so that
 * {@code PipelineModel.load(dir).transform(rows)} scores rows as they come, with the original
 * columns and without the label. Every stage is a stock MLlib stage, so the saved pipeline loads
 * in Spark without sparktune (Scala, Java or PySpark).
 *
 * @param label the label column (rows to score need not have it)
 * @param featureColumns the source columns the features come from, in order
 * @param labelValues the label's values by class index, when it was a string column; else empty
 * @param stages the feature stages fitted at load time, from source columns to {@code vectorColumn}
 * @param vectorColumn the column the stages write and the model reads
 * @param internal columns the stages add that the scorer drops again from its output
 * @param input the columns of a row to score: the source's, without the label
 */
public record Scoring(String label, List<String> featureColumns, List<String> labelValues, List<Transformer> stages,
    String vectorColumn, List<String> internal, StructType input) {
  /** The column with the prediction in the label's own values, for a string label. */
  public static final String PREDICTED_LABEL = "predictedLabel";
  // The column MLlib predictors and the pipeline's first stage read during tuning.
  private static final String FEATURES = "features";

  public Scoring {
    featureColumns = List.copyOf(featureColumns);
    labelValues = List.copyOf(labelValues);
    stages = List.copyOf(stages);
    internal = List.copyOf(internal);
  }

  /** Data that already is a {@code features} vector (libsvm): the model alone, reading it. */
  public static Scoring ofVectors() {
    return new Scoring("label", List.of(FEATURES), List.of(), List.of(), FEATURES, List.of(),
        new StructType().add(FEATURES, SQLDataTypes.VectorType()));
  }

  /** The column that holds the prediction in the label's terms: {@value #PREDICTED_LABEL} or the model's own. */
  public String predictionColumn(Model<?> fitted) {
    return labelValues.isEmpty() ? predictionCol(fitted) : PREDICTED_LABEL;
  }

  /**
   * The scorer around {@code fitted}: the feature stages, the model reading their vector, for a
   * string label an {@code IndexToString} writing {@value #PREDICTED_LABEL}, and a last stage that
   * drops the internal columns. Checked against {@link #input()} (no Spark job): a row without the
   * label is scored.
   */
  public PipelineModel around(SparkSession spark, Model<?> fitted) {
    List<PipelineStage> all = new ArrayList<>(stages);
    all.add(vectorColumn.equals(FEATURES) ? fitted : reading(fitted, vectorColumn));
    if (!labelValues.isEmpty()) {
      all.add(new IndexToString().setInputCol(predictionCol(fitted)).setOutputCol(PREDICTED_LABEL)
          .setLabels(labelValues.toArray(String[]::new)));
    }
    if (!internal.isEmpty() && SparkCompat.hasSqlPipeSyntax()) {
      // SQL pipe syntax (Spark 4): the only stock stage that can drop columns it does not list all of.
      // Spark 3.5 has no such stage, so there the internal columns stay in the scored rows.
      all.add(new SQLTransformer().setStatement("FROM __THIS__ |> DROP "
          + internal.stream().map(Scoring::quote).collect(Collectors.joining(", "))));
    }
    // A pipeline of transformers only: fit() checks each stage's schema against the input and
    // runs no job.
    return new Pipeline().setStages(all.toArray(PipelineStage[]::new))
        .fit(spark.createDataFrame(List.<Row>of(), input));
  }

  /** A copy of {@code fitted} whose stages read {@code column} where they read {@code features}. */
  private static Model<?> reading(Model<?> fitted, String column) {
    List<Transformer> parts = fitted instanceof PipelineModel p ? List.of(p.stages()) : List.of(fitted);
    ParamMap extra = new ParamMap();
    for (Params stage : parts) {
      for (String name : List.of("featuresCol", "inputCol")) {
        if (!stage.hasParam(name)) continue;
        Param<Object> p = stage.getParam(name);
        if (FEATURES.equals(stage.getOrDefault(p))) extra.put(p, column);
      }
    }
    return (Model<?>) fitted.copy(extra);
  }

  private static String predictionCol(Model<?> fitted) {
    Transformer last = fitted instanceof PipelineModel p ? p.stages()[p.stages().length - 1] : fitted;
    return last.hasParam("predictionCol") ? String.valueOf(last.getOrDefault(last.getParam("predictionCol")))
        : "prediction";
  }

  /** A column name quoted for Spark SQL, whatever characters it holds. */
  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
