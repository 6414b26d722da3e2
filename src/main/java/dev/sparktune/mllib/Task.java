package dev.sparktune.mllib;

/**
 * What the estimator predicts. It decides the evaluator family and whether labels are class
 * indices; binary versus multiclass is a property of the data and is settled only once it is read.
 */
public enum Task {
  CLASSIFICATION, REGRESSION
}
