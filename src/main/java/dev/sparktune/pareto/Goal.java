package dev.sparktune.pareto;

import dev.sparktune.trial.Direction;
import java.util.Objects;

/**
 * One objective of a study: a measured value by name ({@code areaUnderROC}, {@code fit-seconds})
 * and whether larger or smaller is better.
 */
public record Goal(String name, Direction direction) {
  public Goal {
    Objects.requireNonNull(direction);
    if (name == null || name.isBlank()) throw new IllegalArgumentException("an objective needs a name");
  }

  /** The value turned so that smaller is better, the form every ranking here works on. */
  public double loss(double value) {
    return -direction.signed(value);
  }
}
