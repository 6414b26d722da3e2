package dev.sparktune.study;

import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a study ended: why it stopped, every trial, the best one, how long it took, and whether
 * the time limit stopped it (a scheduler is told apart "ran out of time" from "done").
 */
public record StudyResult(String stopReason, List<Trial> trials, Optional<Trial> best, Duration elapsed,
    boolean outOfTime) {
  public StudyResult {
    trials = List.copyOf(trials);
  }

  /** Not stopped by the time limit. */
  public StudyResult(String stopReason, List<Trial> trials, Optional<Trial> best, Duration elapsed) {
    this(stopReason, trials, best, elapsed, false);
  }
}
