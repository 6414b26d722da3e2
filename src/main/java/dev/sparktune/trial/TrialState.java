package dev.sparktune.trial;

/** Where a trial is in its life. */
public enum TrialState {
  RUNNING, COMPLETE, FAILED, PRUNED;

  public boolean finished() {
    return this != RUNNING;
  }
}
