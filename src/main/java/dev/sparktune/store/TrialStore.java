package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.Map;

/**
 * Where the trial history lives. Implementations must be thread-safe: many trials finish at once.
 * {@link InMemoryTrialStore} for tests and throwaway studies; {@link JournalTrialStore} for a
 * durable one that a later run can resume.
 */
public interface TrialStore extends History {
  /**
   * Records a new running trial with the next free number and returns it.
   *
   * @param lineage its place among the rungs; a root's configId must be that next number
   */
  Trial create(Assignment assignment, Budget budget, Lineage lineage, Instant started);

  /** Records a new configuration evaluated on its own (single-budget schedules). */
  default Trial create(Assignment assignment, Budget budget, Instant started) {
    synchronized (this) {
      return create(assignment, budget, Lineage.root(trials().size()), started);
    }
  }

  /**
   * Starts again, under the same number, parameters and budget, a trial that was running when an
   * earlier driver died or was cancelled when its study stopped (a resumed study); returns it
   * running since {@code started}.
   *
   * @throws UnsupportedOperationException if this store cannot outlive a driver
   */
  default Trial restart(int number, Instant started) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot restart trial " + number);
  }

  /**
   * Records that fold {@code fold} of running trial {@code number} scored {@code value}, before
   * the trial ends. Ignored for a trial that has ended (a fold that finishes after its trial was
   * cancelled or timed out). A store that cannot outlive its driver need not keep it.
   */
  default void scoreFold(int number, int fold, double value, Instant at) {}

  /**
   * Fold index → value of the folds {@link #scoreFold scored} by a trial that is still running;
   * after a resume, those its dead driver (or its stopped study) had finished. Empty for a trial
   * that ended otherwise.
   */
  default Map<Integer, Double> scoredFolds(int number) {
    return Map.of();
  }

  /** Records how a running trial ended and returns the finished trial. */
  Trial finish(int number, Outcome outcome, Instant finished);

  /**
   * Records what Spark spent on trial {@code number} (which has ended); a second record for the
   * same trial (a rerun) adds to the first. A store may keep nothing.
   */
  default void recordCost(int number, TrialCost cost) {}

  /** Trial number → what Spark spent on it, for the trials whose cost was recorded. */
  default Map<Integer, TrialCost> costs() {
    return Map.of();
  }
}
