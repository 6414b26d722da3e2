package dev.sparktune.objective;

import java.util.Map;

/**
 * Watches a trial's folds as they finish and says when the rest are not worth computing
 * (fold-level pruning). The objective calls {@link #shouldPrune} each time one more fold of the
 * trial finishes; folds finish in any order and on several threads, so implementations must be
 * thread-safe (the study's are immutable). On {@code true} the objective cancels the trial's
 * remaining folds (their Spark jobs) and returns {@code Outcome.Pruned} with the folds it has.
 */
@FunctionalInterface
public interface FoldMonitor {
  /**
   * @param foldValuesSoFar fold index → metric value of every fold known for this configuration
   *     at this budget: the {@link TrialContext#knownFolds()} plus the folds finished so far
   */
  boolean shouldPrune(int trialNumber, Map<Integer, Double> foldValuesSoFar);

  /** Never prunes. */
  FoldMonitor NONE = (trialNumber, folds) -> false;
}
