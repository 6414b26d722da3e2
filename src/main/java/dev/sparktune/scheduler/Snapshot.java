package dev.sparktune.scheduler;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import java.util.Objects;

/**
 * What a scheduler decides from.
 *
 * @param history every trial so far, running ones included; seen {@link History#toward} {@code direction}
 * @param direction whether larger values are better; rankings use it
 * @param noNewConfigurations true once no new configuration may start (the sampler is exhausted
 *     or the trial limit is reached): the scheduler may still promote, and finishes what it has
 */
public record Snapshot(History history, Direction direction, boolean noNewConfigurations) {
  public Snapshot {
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(direction, "direction");
    // Rankings read the direction from the history they are given (RungLedger, FoldPruning).
    if (history.direction() != direction) history = history.toward(direction);
  }
}
