package dev.sparktune.trial;

import java.util.List;

/** What a finished trial produced: a score, or the reason it has none. */
public sealed interface Outcome permits Outcome.Completed, Outcome.Failed {

  /**
   * A score. {@code folds} holds the per-fold values (empty when the objective is not
   * cross-validated); {@code value} is their mean.
   */
  record Completed(double value, List<Double> folds, double fitSeconds) implements Outcome {
    public Completed {
      if (Double.isNaN(value)) throw new IllegalArgumentException("objective value is NaN");
      folds = List.copyOf(folds);
    }

    public double std() {
      if (folds.size() < 2) return 0.0;
      double mean = folds.stream().mapToDouble(Double::doubleValue).average().orElse(0);
      double ss = folds.stream().mapToDouble(f -> (f - mean) * (f - mean)).sum();
      return Math.sqrt(ss / (folds.size() - 1));
    }
  }

  /** The objective threw, was cancelled, or returned nothing usable; the study goes on. */
  record Failed(String error) implements Outcome {}

  static Outcome completed(double value) {
    return new Completed(value, List.of(), 0.0);
  }

  static Outcome failed(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? "" : ": " + root.getMessage().strip().lines().findFirst().orElse("");
    return new Failed(root.getClass().getSimpleName() + msg);
  }
}
