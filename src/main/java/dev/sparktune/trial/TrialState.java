package dev.sparktune.trial;

/**
 * Where an evaluation is in its life. PRUNED: fold-level pruning stopped it before its last
 * fold. What a scheduler later made of a COMPLETE evaluation (promoted, stopped) is not stored
 * here but derived from the history: see {@link Verdict}.
 */
public enum TrialState {
  RUNNING, COMPLETE, FAILED, PRUNED;

  public boolean finished() {
    return this != RUNNING;
  }
}
