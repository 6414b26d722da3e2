package dev.sparktune.bench;

/** The benchmarks' command-line numbers: each bad one is a one-line error naming its option. */
final class OptionValues {
  private OptionValues() {}

  static int positive(String option, String v) {
    int n = nonNegative(option, v);
    if (n < 1) throw new IllegalArgumentException(option + ": expected an integer >= 1, got " + v);
    return n;
  }

  static int nonNegative(String option, String v) {
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": expected a non-negative integer, got '" + v + "'");
    }
  }
}
