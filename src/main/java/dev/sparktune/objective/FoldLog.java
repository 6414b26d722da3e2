package dev.sparktune.objective;

/**
 * Where an objective reports each fold as soon as it is scored, before the trial ends: the study
 * journals it, so a trial rerun after its driver died fits only the folds it had not finished
 * (they come back as {@link TrialContext#knownFolds()}). Called from the objective's fold
 * threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface FoldLog {
  void scored(int fold, double value);

  /** Keeps nothing. */
  FoldLog NONE = (fold, value) -> {};
}
