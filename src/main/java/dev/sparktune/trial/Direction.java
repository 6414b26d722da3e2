package dev.sparktune.trial;

/** Whether larger or smaller objective values are better. */
public enum Direction {
  MAXIMIZE, MINIMIZE;

  /** The value turned so that larger is always better; used wherever results are ranked. */
  public double signed(double value) {
    return this == MAXIMIZE ? value : -value;
  }

  public boolean better(double a, double b) {
    return signed(a) > signed(b);
  }

  public static Direction ofLargerIsBetter(boolean largerIsBetter) {
    return largerIsBetter ? MAXIMIZE : MINIMIZE;
  }
}
