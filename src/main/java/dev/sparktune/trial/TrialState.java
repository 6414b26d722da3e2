package dev.sparktune.trial;

/**
 * Where an evaluation is in its life. PRUNED: fold-level pruning stopped it before its last
 * fold. TIMEOUT: it ran longer than {@code search.trial-timeout} and was cancelled; it is finished
 * (a resumed study does not rerun it) and, like FAILED, has no score. CANCELLED: the study stopped
 * (time limit) while it ran; a resumed study runs it again. What a scheduler later made of a COMPLETE evaluation (promoted, stopped) is not stored
 * here but derived from the history: see {@link Verdict}.
 */
public enum TrialState {
  RUNNING, COMPLETE, FAILED, PRUNED, TIMEOUT, CANCELLED;

  public boolean finished() {
    return this != RUNNING;
  }

  /** RUNNING (its driver died) or CANCELLED (its study stopped): a resumed study runs it again. */
  public boolean rerunOnResume() {
    return this == RUNNING || this == CANCELLED;
  }
}
