package dev.sparktune.mllib;

/**
 * What the estimator learns to predict: classes or a number (the machine-learning task; not a
 * Spark task). It decides the evaluator family and whether labels are class
 * indices; binary versus multiclass is a property of the data and is settled only once it is read.
 */
public enum LearningTask {
  CLASSIFICATION, REGRESSION
}
