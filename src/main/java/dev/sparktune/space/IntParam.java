package dev.sparktune.space;

import java.util.Optional;

/**
 * An integer range [low, high], both inclusive. {@code log} samples uniformly in log space
 * (needs low >= 1); {@code step} restricts values to low + k·step.
 */
public record IntParam(String name, long low, long high, boolean log, long step,
    Optional<Condition> condition) implements Param {

  public IntParam {
    Checks.arg(low <= high, "%s: low (%s) must be <= high (%s)", name, low, high);
    Checks.arg(!log || low >= 1, "%s: log scale needs low >= 1, got %s", name, low);
    Checks.arg(step >= 1, "%s: step must be >= 1, got %s", name, step);
    Checks.arg(!(log && step != 1), "%s: step cannot be combined with log scale", name);
  }

  public static IntParam of(String name, long low, long high) {
    return new IntParam(name, low, high, false, 1, Optional.empty());
  }

  public IntParam when(Condition c) {
    return new IntParam(name, low, high, log, step, Optional.of(c));
  }

  /** Number of legal values. */
  public long size() {
    return (high - low) / step + 1;
  }

  @Override
  public Object decode(double u) {
    u = Checks.unit(u);
    if (log) {
      // Widen by half a unit on each side so the end values get their fair share (as Optuna does).
      double lo = Math.log(low - 0.5 + 1e-12 > 0 ? low - 0.5 : low);
      double hi = Math.log(high + 0.5);
      long v = Math.round(Math.exp(lo + u * (hi - lo)));
      return Math.min(high, Math.max(low, v));
    }
    long k = Math.min(size() - 1, (long) Math.floor(u * size()));
    return low + k * step;
  }

  @Override
  public double encode(Object value) {
    long v = ((Number) value).longValue();
    if (log) {
      double lo = Math.log(low - 0.5 + 1e-12 > 0 ? low - 0.5 : low);
      double hi = Math.log(high + 0.5);
      return Math.min(1, Math.max(0, (Math.log(v) - lo) / (hi - lo)));
    }
    return ((v - low) / step + 0.5) / size();
  }

  @Override
  public boolean contains(Object value) {
    if (!(value instanceof Long v)) return false;
    return v >= low && v <= high && (v - low) % step == 0;
  }
}
