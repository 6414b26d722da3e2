package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;

/**
 * Where the trial history lives. Implementations must be thread-safe: many trials finish at once.
 * In memory today; a durable journal on a Hadoop FileSystem implements the same contract.
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

  /** Records how a running trial ended and returns the finished trial. */
  Trial finish(int number, Outcome outcome, Instant finished);
}
