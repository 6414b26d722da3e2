package dev.sparktune.ml;

import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.LearningTask;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.param.Params;

/**
 * A user's estimator as the core's MLlib edge knows it ({@link BuiltEstimator}): a Pipeline's
 * stages named by their uids, so a param of stage {@code lr} is {@code lr.regParam}, as in the
 * CLI's space. Columns stay as the user set them; nothing is rewired.
 */
final class Stages {
  private Stages() {}

  static BuiltEstimator of(Estimator<?> estimator) {
    Map<String, PipelineStage> stages = new LinkedHashMap<>();
    Params predictor = estimator;
    if (estimator instanceof Pipeline p) {
      for (PipelineStage s : p.getStages()) stages.put(s.uid(), s);
      if (p.getStages().length > 0) predictor = p.getStages()[p.getStages().length - 1];
    }
    LearningTask task = predictor instanceof Classifier<?, ?, ?> ? LearningTask.CLASSIFICATION : LearningTask.REGRESSION;
    return new BuiltEstimator(estimator, predictor, stages, task, predictor.getClass().getSimpleName(), false);
  }
}
