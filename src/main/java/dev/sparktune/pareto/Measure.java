package dev.sparktune.pareto;

import dev.sparktune.trial.Direction;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in measures of a trial, beside the evaluator's metric: what can be traded against the
 * score, or bounded by a constraint. Measured at the Spark edge and carried on the outcome by name;
 * named here so the config can check them without Spark. All are costs: smaller is better.
 */
public enum Measure {
  /** Mean seconds to fit the model on one fold's training rows. */
  FIT_SECONDS("fit-seconds"),
  /** Executor CPU seconds of the whole trial (every fold, fit and scoring), from Spark's task metrics. */
  SPARK_CPU_SECONDS("spark-cpu-seconds"),
  /** Size of the fitted model: total tree nodes, or non-zero coefficients (mean over folds). */
  MODEL_SIZE("model-size"),
  /** Mean seconds to score one validation fold (transform and evaluation, one Spark job). */
  PREDICT_LATENCY("predict-latency");

  private final String key;

  Measure(String key) {
    this.key = key;
  }

  /** The name used in the config, the journal and the outputs. */
  public String key() {
    return key;
  }

  public Direction direction() {
    return Direction.MINIMIZE;
  }

  public static Optional<Measure> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }

  public static List<String> keys() {
    return Arrays.stream(values()).map(Measure::key).toList();
  }
}
