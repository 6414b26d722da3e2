/**
 * The MLlib edge: everything that turns a configuration into Spark ML work. Estimator and
 * pipeline construction from short names ({@link dev.sparktune.mllib.EstimatorCatalog}), params
 * from assignments ({@link dev.sparktune.mllib.ParamBinder}), data reading
 * ({@link dev.sparktune.mllib.DataLoader}), folds assigned and cached once
 * ({@link dev.sparktune.mllib.Folds}), the cross-validating objective
 * ({@link dev.sparktune.mllib.MllibObjective}) and the final refit
 * ({@link dev.sparktune.mllib.Refit}). {@code ParamMap}, {@code Dataset} and {@code Estimator}
 * appear here and in {@code engine} only; the core sees {@code Assignment} and {@code Outcome}.
 */
package dev.sparktune.mllib;
