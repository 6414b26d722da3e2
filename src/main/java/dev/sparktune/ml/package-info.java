/**
 * sparktune as a Spark ML {@code Estimator} for application and notebook code: {@link
 * dev.sparktune.ml.SparkTune} takes CrossValidator's params (estimator, evaluator,
 * estimatorParamMaps, numFolds, foldCol, seed, parallelism) or a search space, runs the same core
 * study as the CLI, and returns a {@link dev.sparktune.ml.SparkTuneModel} with CrossValidatorModel's
 * accessors; both persist through MLWritable/MLReadable. A Spark edge: imports Spark ML, the core
 * and {@code mllib}; nothing of the core imports it.
 */
package dev.sparktune.ml;
