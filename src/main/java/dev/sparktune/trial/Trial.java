package dev.sparktune.trial;

import dev.sparktune.space.Assignment;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One evaluation of one configuration at one budget. Numbers start at 0 and are dense. A running
 * trial has no outcome and no end time.
 */
public record Trial(int number, Assignment assignment, Budget budget, TrialState state,
    Optional<Outcome> outcome, Instant started, Optional<Instant> finished) {

  public static Trial running(int number, Assignment assignment, Budget budget, Instant started) {
    return new Trial(number, assignment, budget, TrialState.RUNNING, Optional.empty(), started, Optional.empty());
  }

  public Trial finish(Outcome o, Instant at) {
    TrialState s = o instanceof Outcome.Completed ? TrialState.COMPLETE : TrialState.FAILED;
    return new Trial(number, assignment, budget, s, Optional.of(o), started, Optional.of(at));
  }

  /** The score, if the trial completed. */
  public OptionalDouble value() {
    return outcome.filter(o -> o instanceof Outcome.Completed)
        .map(o -> OptionalDouble.of(((Outcome.Completed) o).value()))
        .orElse(OptionalDouble.empty());
  }
}
