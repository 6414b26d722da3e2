package dev.sparktune.study;

import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.util.Optional;

/**
 * A snapshot of a study's progress, what stop rules and progress displays look at.
 *
 * @param started trials started so far (running and finished)
 * @param sinceImprovement completed trials since the best score last improved
 */
public record StudyStatus(int started, int running, int completed, int failed, Duration elapsed,
    Optional<Trial> best, int sinceImprovement) {

  public int finished() {
    return completed + failed;
  }
}
