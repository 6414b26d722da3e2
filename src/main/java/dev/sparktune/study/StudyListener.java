package dev.sparktune.study;

import dev.sparktune.trial.Trial;

/** Hears about trials as they start and finish; progress display and incremental output use it. */
public interface StudyListener {
  default void trialStarted(Trial trial, StudyStatus status) {}

  default void trialFinished(Trial trial, StudyStatus status) {}

  /**
   * {@code trial} failed with a transient error and runs again (retry {@code retry} of
   * {@code retries}); called on the trial's worker thread.
   */
  default void trialRetrying(Trial trial, int retry, int retries, String error) {}

  default void stopping(String reason, StudyStatus status) {}

  StudyListener NONE = new StudyListener() {};
}
