package dev.sparktune.study;

import dev.sparktune.trial.Trial;

/** Hears about trials as they start and finish; progress display and incremental output use it. */
public interface StudyListener {
  default void trialStarted(Trial trial, StudyStatus status) {}

  default void trialFinished(Trial trial, StudyStatus status) {}

  default void stopping(String reason, StudyStatus status) {}

  StudyListener NONE = new StudyListener() {};
}
