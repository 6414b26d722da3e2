package dev.sparktune.trial;

/**
 * What became of an evaluation, as the trial table reports it. Derived from the history rather
 * than stored, so it never disagrees with the rungs: a completed evaluation with a child trial was
 * PROMOTED; one at the maximum budget is COMPLETED; any other completed one was STOPPED (or, while
 * the study runs, may still be promoted).
 */
public enum Verdict {
  RUNNING, PROMOTED, STOPPED, PRUNED, COMPLETED, FAILED, TIMEOUT, CANCELLED;

  static Verdict of(Trial t, boolean hasChild) {
    return switch (t.state()) {
      case RUNNING -> RUNNING;
      case FAILED -> FAILED;
      case TIMEOUT -> TIMEOUT;
      case CANCELLED -> CANCELLED;
      case PRUNED -> PRUNED;
      case COMPLETE -> hasChild ? PROMOTED : t.budget().isFull() ? COMPLETED : STOPPED;
    };
  }
}
