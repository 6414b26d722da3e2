package dev.sparktune.trial;

/**
 * The numbers of the trials a history changed, in the order it changed them: creating, restarting
 * or finishing a trial appends its number. Whatever is derived from a long history (the study's
 * progress, the keys a sampler must not repeat, a scheduler's rungs) is then kept up to date from
 * the few trials that changed since it last looked ({@link HistoryFollower}), instead of being
 * rebuilt from every trial on every decision, which made a 10,000-trial study's loop quadratic.
 * Positions only grow; reading one is safe while trials change.
 */
public interface ChangeFeed {
  /** How many changes there have been. */
  int size();

  /** The number of the trial that changed at {@code position} (0-based, below {@link #size()}). */
  int number(int position);
}
