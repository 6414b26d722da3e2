package dev.sparktune.mllib;

import dev.sparktune.space.Assignment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntFunction;
import org.apache.spark.ml.Model;

/**
 * Scores the points of a search that differ only in a GBT's {@code maxIter} from one fit per
 * (other values, fold): the largest maxIter the search will ask for is fitted once, and every
 * smaller one is its first trees ({@link GbtPrefix}), scored without a fit and exactly as a fit
 * of its own would score. A grid of maxIter {10, 30, 90} × other params, as CrossValidator users
 * write it, fits 90 trees per other point and fold instead of 10 + 30 + 90.
 *
 * <p>Which maxIter is the largest comes from the study's plan: the grid's points, when the sampler
 * is a grid and the schedule has one rung (fifo; under a multi-rung schedule only the promoted
 * points run above the bottom rung, so a larger fit than asked could go unused, and the callers
 * pass no plan). The first trial of a group (other values and budget) on a fold fits the group's
 * largest maxIter, even when it asks for less, and keeps the model; trials of the group asking for
 * at most that many trees take its prefix, waiting for the fit if it is still running. A trial
 * that waited for a fit that failed or was cancelled (its own trial was pruned or timed out) fits
 * again itself. A group's model is dropped once every maxIter the plan has for it was served, and
 * the least recently used beyond {@value #MAX_NODES} tree nodes in all. Without a plan (another
 * sampler) nothing is fitted beyond what a trial asks for, but the fitted models are kept the
 * same way, so a later trial of the same other values and a smaller maxIter still gets a prefix.
 *
 * <p>The price: the first trial of a group takes as long as the largest fit, which a trial
 * timeout or a fold pruning bound sees; and a grid cut short (a trial limit, a time limit) may
 * have fitted trees no point uses. The model and the scores are the same either way.
 */
final class GbtPrefixes {
  static final int MAX_NODES = 400_000;
  static final String MAX_ITER = "maxIter";

  /** One group on one fold: the other values' key, the budget's label, the fold. */
  private record Key(String others, String budget, int fold) {}

  /** A model kept or being fitted, with the trees it has or will have. */
  private record Held(CompletableFuture<Model<?>> model, int trees) {}

  private final Map<Key, Held> held = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Key, Set<Integer>> served = new HashMap<>();
  /** Per other values' key, the maxIter values the plan asks for (empty without a plan). */
  private final Map<String, TreeSet<Integer>> plan;
  private long keptNodes;
  private int fits;
  private int prefixes;

  private GbtPrefixes(Map<String, TreeSet<Integer>> plan) {
    this.plan = plan;
  }

  /**
   * Prefix scoring for a bare GBT estimator, else null.
   *
   * @param planned the points the search will evaluate (a grid's), or empty when not known
   */
  static GbtPrefixes forEstimator(BuiltEstimator model, List<Assignment> planned) {
    if (!GbtPrefix.isBoosted(model.estimator())) return null;
    Map<String, TreeSet<Integer>> plan = new HashMap<>();
    for (Assignment a : planned) {
      if (a.get(MAX_ITER) instanceof Number n) plan.computeIfAbsent(others(a), k -> new TreeSet<>()).add(n.intValue());
    }
    return new GbtPrefixes(plan);
  }

  /** The key of an assignment's values other than maxIter. */
  static String others(Assignment a) {
    Map<String, Object> rest = new LinkedHashMap<>(a.values());
    rest.remove(MAX_ITER);
    return new Assignment(rest).key();
  }

  /** True when {@code assignment} tunes maxIter, so its fits can be shared this way. */
  static boolean tunesMaxIter(Assignment assignment) {
    return assignment.get(MAX_ITER) instanceof Number;
  }

  /**
   * The fold model of {@code assignment} with {@code want} trees: a prefix of the group's kept or
   * running fit if it has enough trees, else a fit of the plan's largest maxIter for the group
   * (at least {@code want}) with {@code fitWith}, kept for the others.
   *
   * @param budget the trial's budget label: fits of different training fractions are never shared
   * @param fitWith fits the estimator on the fold's training set with maxIter set to its argument
   */
  Model<?> fit(Assignment assignment, String budget, int fold, int want, IntFunction<Model<?>> fitWith)
      throws Exception {
    String others = others(assignment);
    Key key = new Key(others, budget, fold);
    while (true) {
      Held h;
      boolean mine = false;
      synchronized (this) {
        h = held.get(key);
        if (h == null || h.trees < want) {
          TreeSet<Integer> values = plan.get(others);
          int trees = values == null || values.last() < want ? want : values.last();
          Held old = held.put(key, h = new Held(new CompletableFuture<>(), trees));
          if (old != null) keptNodes -= nodesOf(old);
          mine = true;
        }
      }
      if (mine) {
        Model<?> m;
        try {
          m = fitWith.apply(h.trees);
        } catch (Throwable e) {
          // Spark throws its checked SparkException undeclared: whatever it is, the waiters must
          // learn of it (and fit themselves), or they would wait for ever.
          forget(key, h);
          h.model.completeExceptionally(e);
          throw e;
        }
        synchronized (this) {
          // Completed under the lock, so the nodes are counted before anything can evict it.
          h.model.complete(m);
          fits++;
          if (held.get(key) == h) keptNodes += GbtPrefix.nodes(m);
          serve(key, want, others);
        }
        return GbtPrefix.of(m, want);
      }
      try {
        Model<?> m = h.model.get();
        synchronized (this) {
          prefixes++;
          serve(key, want, others);
        }
        return GbtPrefix.of(m, want);
      } catch (ExecutionException e) {
        // The fit this trial waited for failed or was cancelled with its own trial: fit here.
        forget(key, h);
      }
    }
  }

  /** Notes {@code want} served for {@code key}; drops the model once its plan is all served, then trims. */
  private void serve(Key key, int want, String others) {
    TreeSet<Integer> values = plan.get(others);
    if (values != null) {
      Set<Integer> done = served.computeIfAbsent(key, k -> new HashSet<>());
      done.add(want);
      Held h = held.get(key);
      if (h != null && done.containsAll(values)) {
        held.remove(key);
        served.remove(key);
        keptNodes -= nodesOf(h);
      }
    }
    Iterator<Map.Entry<Key, Held>> it = held.entrySet().iterator();
    while (keptNodes > MAX_NODES && it.hasNext()) {
      Map.Entry<Key, Held> e = it.next();
      if (e.getKey().equals(key) || !e.getValue().model.isDone()) continue;
      keptNodes -= nodesOf(e.getValue());
      it.remove();
    }
  }

  private synchronized void forget(Key key, Held h) {
    if (held.get(key) == h) held.remove(key);
  }

  private static int nodesOf(Held h) {
    return h.model.isDone() && !h.model.isCompletedExceptionally() ? GbtPrefix.nodes(h.model.join()) : 0;
  }

  /** {fits run, trials' folds answered by a prefix without a fit}; for tests and the benchmark. */
  synchronized int[] counts() {
    return new int[] {fits, prefixes};
  }

  /** Models kept or being fitted; for tests. */
  synchronized int held() {
    return held.size();
  }
}
