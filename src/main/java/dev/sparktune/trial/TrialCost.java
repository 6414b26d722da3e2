package dev.sparktune.trial;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Spark spent on one trial, per fold: the jobs of its job group, keyed by the fold their job
 * description names ({@link #OTHER} for jobs of the group outside any fold).
 *
 * @param complete false when Spark's listener queue dropped events while the trial ran, so the
 *     sums may be short: a report says so rather than showing them as the truth
 */
public record TrialCost(SortedMap<Integer, SparkCost> folds, boolean complete) {
  /** The key of jobs in the trial's group that belong to no fold. */
  public static final int OTHER = -1;

  public TrialCost {
    folds = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(folds));
  }

  public TrialCost(Map<Integer, SparkCost> folds, boolean complete) {
    this(new TreeMap<>(folds), complete);
  }

  public SparkCost total() {
    SparkCost t = SparkCost.ZERO;
    for (SparkCost c : folds.values()) t = t.plus(c);
    return t;
  }

  /** Both runs of a trial (one cancelled and rerun, say): fold by fold, complete only if both were. */
  public TrialCost plus(TrialCost o) {
    SortedMap<Integer, SparkCost> m = new TreeMap<>(folds);
    o.folds.forEach((k, v) -> m.merge(k, v, SparkCost::plus));
    return new TrialCost(m, complete && o.complete);
  }

  /** The sum over trials; complete only if every one was. */
  public static TrialCost sum(Iterable<TrialCost> costs) {
    TrialCost t = new TrialCost(Map.of(), true);
    for (TrialCost c : costs) t = t.plus(c);
    return t;
  }
}
