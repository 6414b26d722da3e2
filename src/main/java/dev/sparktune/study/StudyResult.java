package dev.sparktune.study;

import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How a study ended: why it stopped, every trial, the best one, and how long it took. */
public record StudyResult(String stopReason, List<Trial> trials, Optional<Trial> best, Duration elapsed) {
  public StudyResult {
    trials = List.copyOf(trials);
  }
}
