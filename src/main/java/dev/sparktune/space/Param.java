package dev.sparktune.space;

import java.util.Optional;

/**
 * One tunable hyperparameter. Names match MLlib param names exactly ({@code regParam}), or
 * {@code stage.param} for a pipeline stage, so the edge can resolve them with {@code getParam}.
 */
public sealed interface Param permits FloatParam, IntParam, CategoricalParam {
  /** The MLlib param name, or {@code stage.param} inside a pipeline. */
  String name();

  /** When present, the param is active only if its parent categorical takes one of the given values. */
  Optional<Condition> condition();

  /** Maps a unit-interval coordinate to a value of this param (log, step and rounding applied). */
  Object decode(double u);

  /** Maps a value of this param to the centre of its unit-interval cell; inverse of {@link #decode}. */
  double encode(Object value);

  /** True if {@code value} is a legal value of this param (type, bounds, step, choices). */
  boolean contains(Object value);
}
