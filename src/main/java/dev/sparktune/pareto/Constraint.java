package dev.sparktune.pareto;

import java.util.Locale;
import java.util.Objects;

/**
 * A bound a trial's measured value must keep ({@code fit-seconds < 60}). A trial that breaks any
 * constraint is infeasible: never the best and never on the front, and samplers learn to avoid it.
 */
public record Constraint(String name, Op op, double limit) {
  /** The comparison; a value exactly at the limit is feasible under {@code <=} and {@code >=} only. */
  public enum Op {
    LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public Constraint {
    Objects.requireNonNull(op);
    if (name == null || name.isBlank()) throw new IllegalArgumentException("a constraint needs a name");
    if (!Double.isFinite(limit)) throw new IllegalArgumentException(name + ": the limit must be finite, got " + limit);
  }

  public boolean holds(double value) {
    if (Double.isNaN(value)) return false;
    return switch (op) {
      case LT -> value < limit;
      case LE -> value <= limit;
      case GT -> value > limit;
      case GE -> value >= limit;
    };
  }

  /**
   * How far {@code value} is past the limit, relative to the limit's size (0 when it holds; +∞
   * when the value is unknown). Relative, because violations of constraints in seconds and in
   * tree nodes are summed into one number that ranks infeasible trials (Deb's rule), and raw
   * units would let the larger unit decide alone.
   */
  public double violation(double value) {
    if (Double.isNaN(value)) return Double.POSITIVE_INFINITY;
    if (holds(value)) return 0;
    // At the limit of a strict bound the distance is 0, yet the trial is infeasible: count a hair.
    return Math.max(slack(value), 0) + 1e-12;
  }

  /**
   * How far {@code value} is past the limit, signed and relative as in {@link #violation}:
   * positive past it, negative inside it by as much (NaN when the value is unknown). A model of
   * feasibility needs the distance on both sides, which the violation (0 everywhere inside)
   * does not give.
   */
  public double slack(double value) {
    double over = op == Op.LT || op == Op.LE ? value - limit : limit - value;
    return over / Math.max(Math.abs(limit), 1e-12);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s %s", name, op.symbol(), trim(limit));
  }

  private static String trim(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
