package dev.sparktune.config;

import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.scheduler.Schedulers;
import dev.sparktune.trial.Budget;
import java.util.Optional;

/**
 * How budgets are scheduled ({@code sparktune.schedule}), checked by {@link ScheduleReader}.
 * Whether {@code param} names an integer param of the estimator is for the MLlib edge to check
 * (it has the estimator): see {@link #paramBudget()}.
 *
 * @param type fifo, successive-halving, hyperband, asha or median-stopping
 * @param kind what a budget is; ignored by fifo
 * @param param the MLlib integer param grown by η per rung (kind PARAM), "" otherwise
 * @param min the smallest budget r: a fraction, a param value or a number of folds
 * @param max the largest budget R; evaluations at it count as full
 * @param eta the reduction factor η
 * @param brackets ASHA's brackets (1 = plain ASHA)
 * @param foldPruning stop a trial's remaining folds once its first ones are clearly worse than
 *     the incumbent's
 * @param growForests promote a random forest on a numTrees budget by adding trees rather than
 *     refitting it (see {@code dev.sparktune.mllib.ForestGrowth})
 * @param continueFits promote a logistic regression or perceptron on a maxIter budget by
 *     continuing its fit from the rung below rather than refitting it (see
 *     {@code dev.sparktune.mllib.ContinuedFits})
 */
public record ScheduleSettings(String type, Budget.Kind kind, String param, double min, double max, int eta,
    int brackets, boolean foldPruning, boolean growForests, boolean continueFits) {

  /** Every configuration at the full budget, no pruning: the behaviour before schedules. */
  public static ScheduleSettings fifo() {
    return new ScheduleSettings("fifo", Budget.Kind.DATA_FRACTION, "", 0.1, 1.0, 3, 1, false, true, true);
  }

  /** The rungs' budgets; a single full rung for fifo. */
  public Ladder ladder() {
    if (type.equals("fifo")) return Ladder.full();
    Budget top = switch (kind) {
      case DATA_FRACTION -> Budget.dataFraction(max, max);
      case PARAM -> Budget.param(param, Math.round(max), Math.round(max));
      case FOLDS -> Budget.folds((int) Math.round(max), (int) Math.round(max));
      case FULL -> Budget.full();
    };
    return new Ladder(top, min, eta);
  }

  public Scheduler scheduler() {
    return Schedulers.create(type, ladder(), brackets);
  }

  public Optional<FoldPruning> pruning() {
    return foldPruning ? Optional.of(FoldPruning.defaults()) : Optional.empty();
  }

  /** The MLlib param whose values are budgets, when there is one: the edge checks it is an integer param. */
  public Optional<String> paramBudget() {
    return !type.equals("fifo") && kind == Budget.Kind.PARAM ? Optional.of(param) : Optional.empty();
  }
}
