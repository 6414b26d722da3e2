package dev.sparktune.mllib;

import dev.sparktune.trial.Budget;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;

/**
 * Promotes a random forest along a {@code numTrees} budget by adding trees instead of refitting:
 * a forest's trees are independent draws given the data, so the n-tree forest of a promoted
 * trial is its k-tree forest from the rung below plus n - k new trees, fitted with a seed of
 * their own. The reverse is the prefix MLlib makes cheap: asked for fewer trees than a kept
 * forest has, its first n trees are scored without fitting anything.
 *
 * <p>A trial climbing 4 → 13 → 40 trees fits 4 + 9 + 27 trees instead of 4 + 13 + 40. The grown
 * forest is a valid n-tree forest, but not the one a fresh n-tree fit with the same seed draws:
 * its score differs from a fresh fit's by the forest's seed-to-seed spread (several thousandths
 * of AUC for a 40-tree forest on the halving benchmark's data), which is noise of the same size
 * as the fresh fit's own, so it ranks configurations as well. Where a score must equal what
 * CrossValidator reports for the same point, {@code schedule.budget.grow-forests = false}
 * refits instead. The final model is always a fresh fit.
 *
 * <p>MLlib has no warm start, which is why this works on fitted models. Gradient-boosted trees
 * cannot be continued this way: each tree fits the residuals of all trees before it and MLlib
 * takes no initial model, so a promoted GBT trial refits.
 *
 * <p>Forests are kept per (configuration, fold) on the driver, the least recently used dropped
 * beyond {@value #MAX_NODES} tree nodes in all (some tens of MB); a dropped or never-kept forest
 * (e.g. after a resume) is simply refitted whole.
 */
final class ForestGrowth {
  static final int MAX_NODES = 400_000;

  private record Key(String configuration, int fold) {}

  private final Map<Key, Model<?>> kept = new LinkedHashMap<>(16, 0.75f, true);
  private final IntParam numTrees;
  private final LongParam seed;
  private final long defaultSeed;
  private final long top;
  private long keptNodes;

  private ForestGrowth(IntParam numTrees, LongParam seed, long defaultSeed, long top) {
    this.numTrees = numTrees;
    this.seed = seed;
    this.defaultSeed = defaultSeed;
    this.top = top;
  }

  /** Growth for this estimator and budget: a bare random forest budgeted by {@code numTrees}; else null. */
  static ForestGrowth forBudget(BuiltEstimator model, Budget budget) {
    if (budget.kind() != Budget.Kind.PARAM || !budget.param().equals("numTrees")) return null;
    long top = budget.whole();
    if (model.estimator() instanceof RandomForestClassifier c) return new ForestGrowth(c.numTrees(), c.seed(), c.getSeed(), top);
    if (model.estimator() instanceof RandomForestRegressor r) return new ForestGrowth(r.numTrees(), r.seed(), r.getSeed(), top);
    return null;
  }

  /**
   * The fold model of {@code configuration} with {@code params}' number of trees: grown from or
   * cut from the kept forest when there is one, else {@code fitWith(params)}.
   *
   * @param fitWith fits the estimator on the fold's training set with the given params
   */
  Model<?> fit(String configuration, int fold, ParamMap params, Function<ParamMap, Model<?>> fitWith) {
    int want = (Integer) params.apply(numTrees);
    Key key = new Key(configuration, fold);
    Model<?> have;
    synchronized (this) {
      have = kept.get(key);
    }
    Model<?> result;
    if (have == null) {
      result = fitWith.apply(params);
    } else {
      int k = trees(have).length;
      if (k >= want) {
        result = forest(have, Arrays.copyOf(trees(have), want));
      } else {
        // Seeded apart from the first k trees (and from every other growth step of this forest).
        long base = params.contains(seed) ? (Long) params.apply(seed) : defaultSeed;
        ParamMap more = params.copy().put(numTrees, want - k).put(seed, base + 1_000_003L * k);
        Model<?> added = fitWith.apply(more);
        Object[] all = Arrays.copyOf(trees(have), want);
        System.arraycopy(trees(added), 0, all, k, want - k);
        result = forest(have, all);
      }
    }
    // Nothing climbs past the maximum: its forests would only take memory. A prefix leaves the
    // larger kept forest in place.
    if (want < top && (have == null || want > trees(have).length)) keep(key, result);
    return result;
  }

  private synchronized void keep(Key key, Model<?> forest) {
    Model<?> old = kept.put(key, forest);
    if (old != null) keptNodes -= nodes(old);
    keptNodes += nodes(forest);
    Iterator<Map.Entry<Key, Model<?>>> it = kept.entrySet().iterator();
    while (keptNodes > MAX_NODES && it.hasNext()) {
      Map.Entry<Key, Model<?>> e = it.next();
      if (e.getKey().equals(key)) continue;
      keptNodes -= nodes(e.getValue());
      it.remove();
    }
  }

  /** Forests kept; for tests. */
  synchronized int kept() {
    return kept.size();
  }

  private static Object[] trees(Model<?> forest) {
    return forest instanceof RandomForestClassificationModel c ? c.trees() : ((RandomForestRegressionModel) forest).trees();
  }

  private static int nodes(Model<?> forest) {
    return forest instanceof RandomForestClassificationModel c ? c.totalNumNodes()
        : ((RandomForestRegressionModel) forest).totalNumNodes();
  }

  /**
   * A forest of {@code trees} with {@code like}'s params and uid (so its param values copy over)
   * and numTrees set to the new count.
   */
  private Model<?> forest(Model<?> like, Object[] trees) {
    ParamMap values = like.extractParamMap();
    if (like instanceof RandomForestClassificationModel c) {
      var f = new RandomForestClassificationModel(c.uid(),
          Arrays.copyOf(trees, trees.length, DecisionTreeClassificationModel[].class), c.numFeatures(), c.numClasses());
      return f.copy(values.put(f.numTrees(), trees.length)).setParent(c.parent());
    }
    var r = (RandomForestRegressionModel) like;
    var f = new RandomForestRegressionModel(r.uid(),
        Arrays.copyOf(trees, trees.length, DecisionTreeRegressionModel[].class), r.numFeatures());
    return f.copy(values.put(f.numTrees(), trees.length)).setParent(r.parent());
  }
}
