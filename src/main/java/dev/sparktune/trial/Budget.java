package dev.sparktune.trial;

import java.util.Locale;

/**
 * How much one evaluation of a configuration may spend. Only the Spark edge knows what a kind
 * means for MLlib:
 *
 * <ul>
 *   <li>{@link Kind#FULL}: all training rows, every fold, the estimator's params as configured;
 *   <li>{@link Kind#DATA_FRACTION}: {@code amount} in (0, 1] of each training fold's rows, the
 *       subsets nested so a larger fraction contains every row of a smaller one;
 *   <li>{@link Kind#PARAM}: the integer MLlib param {@code param} ({@code maxIter},
 *       {@code numTrees}) set to {@code amount};
 *   <li>{@link Kind#FOLDS}: only folds {@code 0 .. amount-1} are evaluated (racing over folds).
 * </ul>
 *
 * <p>{@code max} is the scheduler's maximum budget of that kind: an evaluation at {@code max} is
 * as good as a full one, so only such trials can be the study's best ({@link #isFull()}).
 *
 * @param param the MLlib param name for PARAM, "" for every other kind
 */
public record Budget(Kind kind, String param, double amount, double max) {
  public enum Kind { FULL, DATA_FRACTION, PARAM, FOLDS }

  /** Relative slack when comparing amounts, so 1/27·27 counts as the full 1.0. */
  private static final double EPS = 1e-9;

  private static final Budget FULL = new Budget(Kind.FULL, "", 1.0, 1.0);

  /**
   * @throws IllegalArgumentException if an amount is not positive, above {@code max}, not whole
   *     for PARAM and FOLDS, a fraction outside (0, 1], or {@code param} is missing for PARAM
   */
  public Budget {
    if (kind == null) throw new IllegalArgumentException("budget kind is missing");
    param = param == null ? "" : param.strip();
    check(amount > 0 && max > 0, "budget amount and max must be > 0, got %s of %s", amount, max);
    check(amount <= max * (1 + EPS), "budget amount %s exceeds its max %s", amount, max);
    switch (kind) {
      case FULL -> check(param.isEmpty() && amount == 1.0 && max == 1.0, "the full budget is 1 of 1, got %s", amount);
      case DATA_FRACTION -> check(param.isEmpty() && max <= 1.0, "data fraction must be in (0, 1], got max %s", max);
      case PARAM -> check(!param.isEmpty() && whole(amount) && whole(max),
          "param budget needs a param name and whole amounts, got '%s' %s of %s", param, amount, max);
      case FOLDS -> check(param.isEmpty() && whole(amount) && whole(max), "folds budget must be whole, got %s of %s",
          amount, max);
    }
  }

  public static Budget full() {
    return FULL;
  }

  /** A fraction {@code f} of each training fold's rows; {@code max} is the scheduler's largest fraction. */
  public static Budget dataFraction(double f, double max) {
    return new Budget(Kind.DATA_FRACTION, "", f, max);
  }

  /** The integer MLlib param {@code name} set to {@code value}. */
  public static Budget param(String name, long value, long max) {
    return new Budget(Kind.PARAM, name, value, max);
  }

  /** Evaluate folds 0 .. n-1 only. */
  public static Budget folds(int n, int max) {
    return new Budget(Kind.FOLDS, "", n, max);
  }

  /** True when this evaluation counts as a full one: kind FULL or the maximum of its kind. */
  public boolean isFull() {
    return kind == Kind.FULL || amount >= max * (1 - EPS);
  }

  /** The same kind and max at another amount (rounded for the whole-number kinds). */
  public Budget withAmount(double a) {
    if (kind == Kind.FULL) return this;
    double v = kind == Kind.DATA_FRACTION ? Math.min(a, max) : Math.max(1, Math.min(Math.round(a), max));
    return new Budget(kind, param, v, max);
  }

  /** The amount as a whole number, for PARAM and FOLDS. */
  public long whole() {
    return Math.round(amount);
  }

  /** Short form for tables and logs: {@code full}, {@code fraction=0.1111}, {@code maxIter=12}, {@code folds=1}. */
  public String label() {
    return switch (kind) {
      case FULL -> "full";
      case DATA_FRACTION -> "fraction=" + String.format(Locale.ROOT, "%.4g", amount).replaceAll("\\.?0+$", "");
      case PARAM -> param + "=" + whole();
      case FOLDS -> "folds=" + whole();
    };
  }

  private static boolean whole(double v) {
    return v == Math.rint(v) && v >= 1;
  }

  private static void check(boolean ok, String template, Object... args) {
    if (!ok) throw new IllegalArgumentException(String.format(Locale.ROOT, template, args));
  }
}
