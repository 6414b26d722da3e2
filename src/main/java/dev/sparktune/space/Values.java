package dev.sparktune.space;

import java.util.Locale;

/** Comparison and formatting of param values, which mix numbers, strings and booleans. */
public final class Values {
  private Values() {}

  /** Numbers compare by value (1 == 1L == 1.0); everything else by equals. */
  public static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
    }
    return a == null ? b == null : a.equals(b);
  }

  /** Shortest round-trippable text: 0.001, 1e-05, 12, true, gini. */
  public static String format(Object v) {
    if (v instanceof Double d) {
      if (Numbers.isWhole(d)) return String.format(Locale.ROOT, "%.1f", d);
      return Double.toString(d);
    }
    return String.valueOf(v);
  }
}
