package dev.sparktune.mllib;

import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Params;

/**
 * An estimator ready to fit, as {@link EstimatorCatalog} built it from the model settings: fixed
 * params applied and, for a pipeline, stage columns chained. Fits never mutate it; each trial
 * passes its own {@code ParamMap}, so one instance serves every concurrent trial.
 *
 * @param estimator the single estimator, or a {@code Pipeline}
 * @param predictor the stage that predicts (the estimator itself, or the pipeline's last stage)
 * @param stages pipeline stages by name, in order; empty for a single estimator
 * @param task classification or regression, from the predictor's type
 * @param name what config messages call it: the short name or class name of the predictor
 * @param binaryOnly true if the predictor cannot fit more than two classes (linear-svc, gbt, fm)
 */
public record BuiltEstimator(Estimator<?> estimator, Params predictor,
    Map<String, PipelineStage> stages, LearningTask task, String name, boolean binaryOnly) {

  public BuiltEstimator {
    stages = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stages));
  }

  public boolean isPipeline() {
    return !stages.isEmpty();
  }

  /** True if the predictor outputs class probabilities (needed by the logLoss metric). */
  public boolean probabilistic() {
    return predictor instanceof org.apache.spark.ml.classification.ProbabilisticClassifier<?, ?, ?>;
  }
}
