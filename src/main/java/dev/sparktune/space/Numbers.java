package dev.sparktune.space;

import java.util.Locale;

/**
 * How numbers are written in messages, reports and status lines: the one place for it, so a
 * whole number reads "12" wherever it is shown. (Param values keep their type instead:
 * {@link Values#format}; trial tables write {@link Double#toString} so they read back exactly.)
 */
public final class Numbers {
  private Numbers() {}

  /** True for a whole number small enough to print exactly as a long (|d| < 10^15). */
  public static boolean isWhole(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15;
  }

  /** Whole numbers as integers (12), others in Java's shortest round-trip form (0.001, 1.0E-5). */
  public static String plain(double d) {
    return isWhole(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** Whole numbers as integers, others to {@code digits} significant digits without trailing zeros (0.5, 0.111111). */
  public static String significant(double d, int digits) {
    return isWhole(d) ? Long.toString((long) d)
        : String.format(Locale.ROOT, "%." + digits + "g", d).replaceAll("0+$", "");
  }

  /** Four decimals (0.0123), or two significant digits far from 1 (1.2e-05, 3.4e+04); 0 as 0.0000. */
  public static String brief(double v) {
    return v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e4)
        ? String.format(Locale.ROOT, "%.2g", v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
