package dev.sparktune.objective;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Outcome;

/**
 * Scores one configuration. Plain Java: analytic functions in tests, MLlib cross-validation in
 * production. May be called from many threads at once. Throwing is fine: the study records the
 * trial as failed and goes on.
 */
@FunctionalInterface
public interface Objective {
  Outcome evaluate(Assignment assignment, TrialContext context) throws Exception;

  /** Asks a running evaluation to stop early (time limit, shutdown); best effort. */
  default void cancel(int trialNumber) {}
}
