package dev.sparktune.objective;

import dev.sparktune.trial.Budget;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluation may know about the trial it serves.
 *
 * @param budget what the evaluation may spend; see {@link Budget} for each kind
 * @param knownFolds fold index → metric value already measured for this configuration at the
 *     same data budget (racing over folds: a promotion from 1 to 3 folds carries fold 0's value;
 *     a trial rerun after a crash carries the folds it had finished), so the objective evaluates
 *     only the missing folds, then reports all of them
 * @param monitor asked after every finished fold whether to stop early ({@link FoldMonitor#NONE}
 *     when fold-level pruning is off)
 * @param foldLog told each newly scored fold as it finishes
 */
public record TrialContext(int trialNumber, Budget budget, Map<Integer, Double> knownFolds, FoldMonitor monitor,
    FoldLog foldLog) {
  public TrialContext {
    Objects.requireNonNull(budget, "budget");
    knownFolds = Map.copyOf(knownFolds);
    Objects.requireNonNull(monitor, "monitor");
    Objects.requireNonNull(foldLog, "foldLog");
  }

  /** Folds not logged anywhere. */
  public TrialContext(int trialNumber, Budget budget, Map<Integer, Double> knownFolds, FoldMonitor monitor) {
    this(trialNumber, budget, knownFolds, monitor, FoldLog.NONE);
  }

  /** No known folds, no pruning. */
  public TrialContext(int trialNumber, Budget budget) {
    this(trialNumber, budget, Map.of(), FoldMonitor.NONE);
  }
}
