package dev.sparktune.trial;

/**
 * How much a trial may spend: the whole training data ({@link #full()}), or, for successive
 * halving, a fraction of the rows, a number of iterations or of trees. Only the Spark edge knows
 * what each kind means for MLlib.
 */
public record Budget(Kind kind, double amount) {
  public enum Kind { FULL, DATA_FRACTION, MAX_ITER, NUM_TREES }

  public Budget {
    if (!(amount > 0)) throw new IllegalArgumentException("budget amount must be > 0, got " + amount);
    if (kind == Kind.DATA_FRACTION && amount > 1) {
      throw new IllegalArgumentException("data fraction must be <= 1, got " + amount);
    }
  }

  private static final Budget FULL = new Budget(Kind.FULL, 1.0);

  public static Budget full() {
    return FULL;
  }

  public boolean isFull() {
    return kind == Kind.FULL || (kind == Kind.DATA_FRACTION && amount == 1.0);
  }
}
