package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.trial.Direction;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;

/**
 * The score of a trial ({@code sparktune.metric}) and the MLlib evaluator that computes it.
 *
 * <p>Whether a classification is binary is known only once the data is read, so checking is
 * two-step: {@link #check} at load time accepts binary metrics for any classifier, and
 * {@link #resolve} at data time rejects them when the label has more than two classes. An empty
 * metric means the evaluator's default: areaUnderROC (binary), f1 (multiclass), rmse (regression).
 *
 * @param name the evaluator's metric name, spelled as MLlib spells it
 * @param kind the evaluator family
 */
public record Metric(String name, Kind kind) {
  /** The MLlib evaluator family a metric belongs to. */
  public enum Kind { BINARY, MULTICLASS, REGRESSION }

  static final List<String> BINARY = List.of("areaUnderROC", "areaUnderPR");
  static final List<String> MULTICLASS = List.of("f1", "accuracy", "weightedPrecision",
      "weightedRecall", "weightedTruePositiveRate", "weightedFalsePositiveRate", "weightedFMeasure",
      "truePositiveRateByLabel", "falsePositiveRateByLabel", "precisionByLabel", "recallByLabel",
      "fMeasureByLabel", "logLoss", "hammingLoss");
  static final List<String> REGRESSION = List.of("rmse", "mse", "r2", "mae", "var");

  private static final String KEY = "sparktune.metric";

  /**
   * Load-time check, before any data is read.
   *
   * @throws ConfigError naming {@code sparktune.metric} if the metric is unknown or belongs to the
   *     other task, or needs probabilities the estimator does not produce
   */
  public static void check(String metric, BuiltEstimator model) {
    if (metric == null || metric.isBlank()) return;
    String name = canonical(metric, model.task());
    if (name.equals("logLoss") && !model.probabilistic()) {
      throw new ConfigError(KEY + ": logLoss needs class probabilities, which " + model.name()
          + " does not produce; use one of " + String.join(", ", MULTICLASS.subList(0, 7)));
    }
  }

  /**
   * The metric for data with {@code numClasses} classes (ignored for regression).
   *
   * @throws ConfigError naming {@code sparktune.metric} if a binary metric meets multiclass data
   */
  public static Metric resolve(String metric, BuiltEstimator model, int numClasses) {
    LearningTask task = model.task();
    if (task == LearningTask.REGRESSION) {
      return new Metric(blank(metric) ? "rmse" : canonical(metric, task), Kind.REGRESSION);
    }
    boolean binary = numClasses <= 2;
    if (blank(metric)) return binary ? new Metric("areaUnderROC", Kind.BINARY) : new Metric("f1", Kind.MULTICLASS);
    String name = canonical(metric, task);
    if (BINARY.contains(name)) {
      if (!binary) {
        throw new ConfigError(KEY + ": " + name + " needs a binary label, but the label has " + numClasses
            + " classes; use one of " + String.join(", ", MULTICLASS));
      }
      return new Metric(name, Kind.BINARY);
    }
    return new Metric(name, Kind.MULTICLASS);
  }

  /** A new evaluator for this metric, reading the {@code label} and prediction columns. */
  public Evaluator evaluator() {
    switch (kind) {
      case BINARY:
        return new BinaryClassificationEvaluator().setMetricName(name).setLabelCol("label")
            .setRawPredictionCol("rawPrediction");
      case MULTICLASS:
        return new MulticlassClassificationEvaluator().setMetricName(name).setLabelCol("label")
            .setPredictionCol("prediction").setProbabilityCol("probability");
      default:
        return new RegressionEvaluator().setMetricName(name).setLabelCol("label")
            .setPredictionCol("prediction");
    }
  }

  /** From {@code Evaluator.isLargerBetter()}, so the direction can never disagree with MLlib. */
  public Direction direction() {
    return Direction.ofLargerIsBetter(evaluator().isLargerBetter());
  }

  /** The MLlib spelling of {@code metric} (matched ignoring case), or a ConfigError. */
  private static String canonical(String metric, LearningTask task) {
    String m = metric.strip();
    List<String> allowed = task == LearningTask.REGRESSION ? REGRESSION
        : Stream.concat(BINARY.stream(), MULTICLASS.stream()).toList();
    Optional<String> hit = allowed.stream().filter(a -> a.equalsIgnoreCase(m)).findFirst();
    if (hit.isPresent()) return hit.get();
    boolean otherTask = (task == LearningTask.REGRESSION ? Stream.concat(BINARY.stream(), MULTICLASS.stream())
        : REGRESSION.stream()).anyMatch(a -> a.equalsIgnoreCase(m));
    String why = otherTask ? " is a " + (task == LearningTask.REGRESSION ? "classification" : "regression")
        + " metric, but the estimator is a " + task.name().toLowerCase(java.util.Locale.ROOT) : " is not a known metric";
    throw new ConfigError(KEY + ": '" + m + "'" + why + "; expected one of " + String.join(", ", allowed));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
