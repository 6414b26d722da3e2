package dev.sparktune.scheduler;

/**
 * Decides what a free slot runs next: a new configuration at some budget, a promotion of one
 * already evaluated to a larger budget, nothing yet, or nothing more. Which configuration is new
 * is the sampler's business; the scheduler never sees the search space.
 *
 * <p>Implementations keep no trial data of their own: each {@link #next} reads the whole history
 * (rungs are linked through {@code Trial.lineage()}), so a study replayed from its journal makes
 * the same decisions. MLlib fits cannot be paused, so a promotion is a new fit at the larger
 * budget, never a resumed one.
 */
public interface Scheduler {
  /** The next thing to run; called only from the study's own thread. */
  Action next(Snapshot snapshot);

  /** The largest budget; only evaluations at it can be the study's best. */
  Ladder ladder();

  /** The name used in {@code sparktune.schedule.type}. */
  String name();
}
