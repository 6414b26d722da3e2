package dev.sparktune.mllib;

import dev.sparktune.engine.JobGroups;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The last step of a study: fit the best configuration on all training rows (every fold), score
 * it once on the held-out test set with the same metric, and save it, inside the {@link Scoring}
 * stages that turn a source row into its input and its prediction into the label's values, as a
 * {@code PipelineModel} that {@code PipelineModel.load(dir)} reads back. The test set has been
 * touched by no trial, so its score is an unbiased estimate, unlike the best cross-validation
 * score, which was selected.
 */
public final class Refit {
  /** The job group of the refit's Spark jobs. */
  public static final String GROUP = "sparktune-refit";

  /**
   * What the refit produced.
   *
   * @param modelClass class name of the fitted model (e.g. LogisticRegressionModel, PipelineModel)
   * @param metric the metric name
   * @param testValue the metric on the test set; empty when the test set is empty
   * @param trainRows rows the model was fitted on
   * @param testRows rows it was scored on
   * @param fitSeconds wall time of the fit
   * @param savedTo where the model was saved, if it was
   * @param savedStages class names of the saved PipelineModel's stages, in order; empty if not saved
   * @param predictionColumn the column where the saved model writes its prediction in the label's terms
   */
  public record Result(String modelClass, String metric, OptionalDouble testValue, long trainRows,
      long testRows, double fitSeconds, Optional<String> savedTo, List<String> savedStages, String predictionColumn) {}

  private Refit() {}

  /**
   * Fits, scores and (if {@code modelDir} is present) saves, overwriting what is there.
   *
   * @throws IllegalStateException if the model class cannot be saved by MLlib persistence
   * @throws java.io.UncheckedIOException if writing to {@code modelDir} fails
   */
  public static Result run(SparkSession spark, Folds folds, BuiltEstimator model, ParamMap params,
      Metric metric, Scoring scoring, Optional<String> modelDir) {
    return JobGroups.run(spark.sparkContext(), GROUP, "refit the best configuration on all training data", () -> {
      // Cached for the fit only: iterative fits scan it many times, and nothing else reads it.
      // The fold column goes after the cache: dropped before it, Spark prunes the column below the
      // repartition, whose row order (and a random forest's per-partition bagging) then differs
      // from the fold sets' and from CrossValidator's refit on the same training().
      Dataset<Row> cached = folds.training().persist(StorageLevel.MEMORY_AND_DISK());
      Dataset<Row> training = cached.drop(Folds.FOLD);
      try {
        long start = System.nanoTime();
        Model<?> fitted = (Model<?>) model.estimator().fit(training, params);
        double fitSeconds = (System.nanoTime() - start) / 1e9;
        OptionalDouble test = OptionalDouble.empty();
        if (folds.testRows() > 0) {
          test = OptionalDouble.of(metric.evaluator().evaluate(fitted.transform(folds.test())));
        }
        Optional<String> saved = Optional.empty();
        List<String> stages = List.of();
        if (modelDir.isPresent()) {
          if (!(fitted instanceof MLWritable)) {
            throw new IllegalStateException(fitted.getClass().getName() + " cannot be saved: it is not MLWritable");
          }
          PipelineModel scorer = scoring.around(spark, fitted);
          try {
            scorer.write().overwrite().save(modelDir.get());
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot save the model to " + modelDir.get(), e);
          }
          saved = modelDir;
          stages = Arrays.stream(scorer.stages()).map(st -> st.getClass().getName()).toList();
        }
        return new Result(fitted.getClass().getName(), metric.name(), test, folds.trainingRows(),
            folds.testRows(), fitSeconds, saved, stages, scoring.predictionColumn(fitted));
      } finally {
        cached.unpersist(false);
      }
    });
  }
}
