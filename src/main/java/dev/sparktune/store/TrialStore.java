package dev.sparktune.store;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;

/**
 * Where the trial history lives. Implementations must be thread-safe: many trials finish at once.
 * In memory today; a durable journal on a Hadoop FileSystem implements the same contract.
 */
public interface TrialStore extends History {
  /** Records a new running trial and returns it with the next free number. */
  Trial create(Assignment assignment, Budget budget, Instant started);

  /** Records how a running trial ended and returns the finished trial. */
  Trial finish(int number, Outcome outcome, Instant finished);
}
