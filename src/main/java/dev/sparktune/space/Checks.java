package dev.sparktune.space;

import java.util.Locale;

/** Argument checks that survive with assertions off. */
final class Checks {
  private Checks() {}

  static void arg(boolean ok, String template, Object... args) {
    if (!ok) throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
  }

  /** Clamps into [0, 1) so that u = 1.0 from a generator still lands in the last cell. */
  static double unit(double u) {
    if (Double.isNaN(u)) throw new IllegalArgumentException("unit-cube coordinate is NaN");
    return Math.max(0.0, Math.min(Math.nextDown(1.0), u));
  }
}
