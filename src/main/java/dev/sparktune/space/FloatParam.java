package dev.sparktune.space;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A real-valued range [low, high]. {@code log} samples uniformly in log space (needs low > 0);
 * {@code step} restricts values to low + k·step.
 */
public record FloatParam(String name, double low, double high, boolean log, OptionalDouble step,
    Optional<Condition> condition) implements Param {

  public FloatParam {
    Checks.arg(Double.isFinite(low) && Double.isFinite(high), "%s: low and high must be finite numbers", name);
    Checks.arg(low <= high, "%s: low (%s) must be <= high (%s)", name, low, high);
    Checks.arg(!log || low > 0, "%s: log scale needs low > 0, got %s", name, low);
    Checks.arg(!(log && step.isPresent()), "%s: step cannot be combined with log scale", name);
    Checks.arg(step.isEmpty() || step.getAsDouble() > 0, "%s: step must be > 0", name);
  }

  public static FloatParam of(String name, double low, double high) {
    return new FloatParam(name, low, high, false, OptionalDouble.empty(), Optional.empty());
  }

  public static FloatParam log(String name, double low, double high) {
    return new FloatParam(name, low, high, true, OptionalDouble.empty(), Optional.empty());
  }

  public FloatParam when(Condition c) {
    return new FloatParam(name, low, high, log, step, Optional.of(c));
  }

  @Override
  public Object decode(double u) {
    u = Checks.unit(u);
    double v;
    if (log) {
      v = Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low)));
    } else if (step.isPresent()) {
      double s = step.getAsDouble();
      long cells = steps() + 1;
      long k = Math.min(cells - 1, (long) Math.floor(u * cells));
      v = low + k * s;
    } else {
      v = low + u * (high - low);
    }
    return Math.min(high, Math.max(low, v));
  }

  @Override
  public double encode(Object value) {
    double v = ((Number) value).doubleValue();
    if (high == low) return 0.5;
    if (log) return (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low));
    if (step.isPresent()) {
      long cells = steps() + 1;
      long k = Math.round((v - low) / step.getAsDouble());
      return (k + 0.5) / cells;
    }
    return (v - low) / (high - low);
  }

  @Override
  public boolean contains(Object value) {
    if (!(value instanceof Double d)) return false;
    if (d < low || d > high) return false;
    if (step.isPresent()) {
      double k = (d - low) / step.getAsDouble();
      return Math.abs(k - Math.rint(k)) < 1e-9;
    }
    return true;
  }

  /** Number of whole steps between low and high (the grid has steps() + 1 points). */
  public long steps() {
    return (long) Math.floor((high - low) / step.orElseThrow() + 1e-9);
  }
}
