package dev.sparktune.mllib;

import dev.sparktune.scheduler.Ladder;
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
 * <p>The forest of a (configuration, fold) at n trees is one fixed forest, whatever led to it:
 * the ladder's budgets b_0 < b_1 < … cut it into blocks, and block [b_i, b_i+1) is always one
 * MLlib fit of b_i+1 - b_i trees with seed {@code seed + 1000003 · b_i} on the fold's training
 * set (the first block is a fresh fit with the configured seed). A kept forest only saves
 * refitting its blocks. So a forest dropped from memory, or lost with a killed driver, is
 * regrown block by block into exactly the trees it had (this costs its lower blocks again), and
 * a resumed study scores every rung to the last digit as an uninterrupted one does. Exactness
 * rests on each block's fit being a function of its seed and the fold's rows in their
 * partitions (MLlib bags per partition), which {@link Folds} builds from a hash of each row, not
 * from the run; a resume on a different Spark parallelism may partition the folds differently
 * and then draws other trees, grown or refitted alike. A configuration that starts above the
 * bottom rung (a later Hyperband bracket) is fitted block by block too, so its forest is the
 * same whichever bracket reaches it.
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
 * beyond {@value #MAX_NODES} tree nodes in all (some tens of MB).
 */
final class ForestGrowth {
  static final int MAX_NODES = 400_000;
  /** How far apart the seeds of a forest's blocks are, per tree before the block. */
  static final long SEED_STEP = 1_000_003L;

  private record Key(String configuration, int fold) {}

  private final Map<Key, Model<?>> kept = new LinkedHashMap<>(16, 0.75f, true);
  private final IntParam numTrees;
  private final LongParam seed;
  private final long defaultSeed;
  private final long[] bounds;
  private final long top;
  private long keptNodes;

  private ForestGrowth(IntParam numTrees, LongParam seed, long defaultSeed, long[] bounds) {
    this.numTrees = numTrees;
    this.seed = seed;
    this.defaultSeed = defaultSeed;
    this.bounds = bounds;
    this.top = bounds[bounds.length - 1];
  }

  /**
   * Growth for this estimator along the ladder's budgets: a bare random forest budgeted by
   * {@code numTrees}; else null.
   */
  static ForestGrowth forLadder(BuiltEstimator model, Ladder ladder) {
    Budget budget = ladder.top();
    if (budget.kind() != Budget.Kind.PARAM || !budget.param().equals("numTrees")) return null;
    long[] bounds = ladder.budgets().stream().mapToLong(Budget::whole).filter(b -> b > 0).distinct().sorted().toArray();
    if (model.estimator() instanceof RandomForestClassifier c) return new ForestGrowth(c.numTrees(), c.seed(), c.getSeed(), bounds);
    if (model.estimator() instanceof RandomForestRegressor r) return new ForestGrowth(r.numTrees(), r.seed(), r.getSeed(), bounds);
    return null;
  }

  /**
   * The fold model of {@code configuration} with {@code params}' number of trees: the kept
   * forest's trees as far as they are this forest's, the missing blocks fitted with
   * {@code fitWith}.
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
    int k = have == null ? 0 : trees(have).length;
    Model<?> result;
    if (have != null && want <= k && (want == k || isBound(want))) {
      result = want == k ? have : forest(have, Arrays.copyOf(trees(have), want));
    } else {
      // The kept trees up to the last block boundary both forests share; the rest block by block.
      int from = (int) lastBoundAtMost(Math.min(k, want));
      long base = params.contains(seed) ? (Long) params.apply(seed) : defaultSeed;
      Object[] all = Arrays.copyOf(have == null ? new Object[0] : trees(have), want);
      Model<?> like = have;
      while (from < want) {
        int to = (int) Math.min(want, nextBound(from));
        Model<?> block = fitWith.apply(params.copy().put(numTrees, to - from).put(seed, base + SEED_STEP * from));
        if (from == 0 && to == want) {
          all = null;
          like = block;
          break;
        }
        System.arraycopy(trees(block), 0, all, from, to - from);
        if (like == null) like = block;
        from = to;
      }
      result = all == null ? like : forest(like, all);
    }
    // Nothing climbs past the maximum: its forests would only take memory. A prefix leaves the
    // larger kept forest in place.
    if (want < top && want > k) keep(key, result);
    return result;
  }

  private boolean isBound(long n) {
    return Arrays.binarySearch(bounds, n) >= 0;
  }

  /** The largest block boundary (0 included) that is at most {@code n}. */
  private long lastBoundAtMost(long n) {
    long last = 0;
    for (long b : bounds) if (b <= n) last = b;
    return last;
  }

  /** The first block boundary above {@code n}; past the ladder, no boundary (one block to the end). */
  private long nextBound(long n) {
    for (long b : bounds) if (b > n) return b;
    return Long.MAX_VALUE;
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
