package dev.sparktune.trial;

/**
 * Where an evaluation is in its life. PRUNED: fold-level pruning stopped it before its last
 * fold. TIMEOUT: it ran longer than {@code search.trial-timeout} and was cancelled; it is finished
 * (a resumed study does not rerun it) and, like FAILED, has no score. What a scheduler later made of a COMPLETE evaluation (promoted, stopped) is not stored
 * here but derived from the history: see {@link Verdict}.
 */
public enum TrialState {
  RUNNING, COMPLETE, FAILED, PRUNED, TIMEOUT;

  public boolean finished() {
    return this != RUNNING;
  }
}
