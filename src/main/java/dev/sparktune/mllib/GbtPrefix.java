package dev.sparktune.mllib;

import java.util.Arrays;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;

/**
 * The k-iteration gradient-boosted model inside an n-iteration one: its first k trees with their
 * first k weights, built without fitting anything.
 *
 * <p>Why it is exact. MLlib's boosting loop ({@code GradientBoostedTrees.boost}, the same on Spark
 * 3.5, 4.0 and 4.1) bins the training rows once with split candidates drawn from the
 * {@code seed}, fits tree 0 on the rows subsampled with {@code seed}, and tree m on the
 * pseudo-residuals of trees 0 … m-1, subsampled with {@code seed + m}; tree 0 weighs 1, every
 * other tree {@code stepSize}. Nothing in iteration m reads {@code maxIter}, so with the same
 * params, seed and training rows in the same partitions, a k-iteration fit grows exactly the
 * first k trees of an n-iteration fit, {@code subsamplingRate} and {@code featureSubsetStrategy}
 * included (both are seeded per tree). The model predicts from the trees and weights alone, so
 * the prefix scores as the k-iteration fit does.
 *
 * <p>Where it is not: with {@code validationIndicatorCol} set, MLlib stops early on the held-out
 * rows' error and keeps the trees up to the best iteration it saw; which iteration that is
 * depends on {@code maxIter}, so no prefix stands for a shorter fit ({@link #exact} says false
 * and those trials fit as usual). Only a bare {@code GBTClassifier} or {@code GBTRegressor} is
 * handled, not one inside a pipeline.
 *
 * <p>The constructors used are {@code private[ml]} in Scala, which is public in the bytecode, and
 * take the same arguments on every Spark line sparktune builds for (3.5, 4.0, 4.1).
 */
final class GbtPrefix {
  private GbtPrefix() {}

  /** True for a bare GBT classifier or regressor. */
  static boolean isBoosted(Estimator<?> estimator) {
    return estimator instanceof GBTClassifier || estimator instanceof GBTRegressor;
  }

  /**
   * True when a fit of {@code estimator} with {@code params} holds its shorter fits as prefixes:
   * a bare GBT without a validation indicator column (early stopping) in the params or set on
   * the estimator.
   */
  static boolean exact(Estimator<?> estimator, ParamMap params) {
    if (!isBoosted(estimator)) return false;
    Param<String> validation = estimator instanceof GBTClassifier c ? c.validationIndicatorCol()
        : ((GBTRegressor) estimator).validationIndicatorCol();
    String column = params.contains(validation) ? params.apply(validation)
        : estimator.isDefined(validation) ? estimator.getOrDefault(validation) : null;
    return column == null || column.isEmpty();
  }

  /** The maxIter param of a bare GBT estimator. */
  static org.apache.spark.ml.param.IntParam maxIter(Estimator<?> estimator) {
    return estimator instanceof GBTClassifier c ? c.maxIter() : ((GBTRegressor) estimator).maxIter();
  }

  /** Trees in a fitted GBT model. */
  static int trees(Model<?> model) {
    return model instanceof GBTClassificationModel c ? c.getNumTrees() : ((GBTRegressionModel) model).getNumTrees();
  }

  /** Tree nodes in a fitted GBT model, what keeping it costs. */
  static int nodes(Model<?> model) {
    return model instanceof GBTClassificationModel c ? c.totalNumNodes() : ((GBTRegressionModel) model).totalNumNodes();
  }

  /**
   * The model of {@code full}'s first {@code k} trees, with {@code full}'s params and uid and
   * {@code maxIter = k}, as a k-iteration fit would carry them; {@code full} itself when it has k.
   *
   * @throws IllegalArgumentException if k is not in [1, trees of full]
   */
  static Model<?> of(Model<?> full, int k) {
    int n = trees(full);
    if (k < 1 || k > n) throw new IllegalArgumentException("a prefix of " + k + " trees of a " + n + "-tree model");
    if (k == n) return full;
    ParamMap values = full.extractParamMap();
    if (full instanceof GBTClassificationModel c) {
      var m = new GBTClassificationModel(c.uid(), Arrays.copyOf(c.trees(), k, DecisionTreeRegressionModel[].class),
          Arrays.copyOf(c.treeWeights(), k), c.numFeatures(), c.numClasses());
      return m.copy(values.put(m.maxIter(), k)).setParent(c.parent());
    }
    var r = (GBTRegressionModel) full;
    var m = new GBTRegressionModel(r.uid(), Arrays.copyOf(r.trees(), k, DecisionTreeRegressionModel[].class),
        Arrays.copyOf(r.treeWeights(), k), r.numFeatures());
    return m.copy(values.put(m.maxIter(), k)).setParent(r.parent());
  }
}
