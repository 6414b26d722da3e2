package dev.sparktune.trial;

import dev.sparktune.space.Assignment;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One evaluation of one configuration at one budget. Numbers start at 0 and are dense. A running
 * trial has no outcome and no end time. Successive rungs of one configuration are separate trials
 * linked by their {@link Lineage}.
 */
public record Trial(int number, Assignment assignment, Budget budget, Lineage lineage, TrialState state,
    Optional<Outcome> outcome, Instant started, Optional<Instant> finished) {

  public static Trial running(int number, Assignment assignment, Budget budget, Lineage lineage, Instant started) {
    return new Trial(number, assignment, budget, lineage, TrialState.RUNNING, Optional.empty(), started, Optional.empty());
  }

  /** A new configuration on its own (single-budget schedules). */
  public static Trial running(int number, Assignment assignment, Budget budget, Instant started) {
    return running(number, assignment, budget, Lineage.root(number), started);
  }

  public Trial finish(Outcome o, Instant at) {
    TrialState s = o instanceof Outcome.Completed ? TrialState.COMPLETE
        : o instanceof Outcome.Pruned ? TrialState.PRUNED
        : o instanceof Outcome.TimedOut ? TrialState.TIMEOUT
        : o instanceof Outcome.Cancelled ? TrialState.CANCELLED : TrialState.FAILED;
    return new Trial(number, assignment, budget, lineage, s, Optional.of(o), started, Optional.of(at));
  }

  /** The score, if the trial completed. */
  public OptionalDouble value() {
    return outcome.filter(o -> o instanceof Outcome.Completed)
        .map(o -> OptionalDouble.of(((Outcome.Completed) o).value()))
        .orElse(OptionalDouble.empty());
  }

  public int configId() {
    return lineage.configId();
  }

  public int rung() {
    return lineage.rung();
  }
}
