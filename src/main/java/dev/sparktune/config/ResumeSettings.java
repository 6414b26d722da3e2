package dev.sparktune.config;

import java.time.Duration;

/**
 * What a run does with a study already in its output directory ({@code sparktune.resume}), and
 * how long the output directory's lock survives a silent driver ({@code sparktune.output.lock-timeout}).
 *
 * @param lockTimeout a lease not renewed for this long belongs to a dead driver and is taken over
 */
public record ResumeSettings(Mode mode, Duration lockTimeout) {
  public enum Mode {
    /** Continue the journal if it was written for the same study; refuse (exit 2) if not. */
    AUTO,
    /** Never continue: a directory that holds a study is left alone and a new sibling is used. */
    NEVER,
    /** Continue the journal even if the dataset, metric or estimator changed. */
    WARM_START,
    /**
     * As {@link #AUTO}, and a damaged journal's intact events (those before the damage) are
     * continued in a new sibling {@code <dir>-recovered-<yyyyMMdd-HHmmss>}; the damaged study is
     * left as it is for a person to look at.
     */
    RECOVER;

    /** The name as written in a config file: auto, never, warm-start, recover. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
