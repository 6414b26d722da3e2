package dev.sparktune.mllib;

import dev.sparktune.report.BestResult;
import java.util.Locale;
import java.util.Optional;

/**
 * Flags a regression score too good to be true. Real targets carry noise no feature explains, so
 * a cross-validated error below a thousandth of the label's own spread almost always means a
 * feature holds the label, or is computed from it (a total that includes it, a later copy of it),
 * and the model will not score that well on new rows. A warning, not an error: a deterministic
 * target (a simulation, a formula) can be fitted exactly on purpose.
 */
public final class LeakCheck {
  /** Error, as a share of the label's standard deviation, below which a score is flagged. */
  public static final double RATIO = 1e-3;

  private LeakCheck() {}

  /**
   * @param metric a regression metric's canonical name (rmse, mse, mae, r2; var is not judged)
   * @param value its cross-validated value
   * @param labelStd the training label's standard deviation
   * @return a one-line warning starting with {@value BestResult#LIKELY_LEAK}, or empty
   */
  public static Optional<String> regression(String metric, double value, double labelStd) {
    if (!(labelStd > 0) || !Double.isFinite(value)) return Optional.empty();
    // Each metric as an error in the label's units, next to its standard deviation.
    double error = switch (metric) {
      case "rmse", "mae" -> value;
      case "mse" -> Math.sqrt(Math.max(0, value));
      case "r2" -> Math.sqrt(Math.max(0, 1 - value)) * labelStd;
      default -> Double.NaN;
    };
    if (!(error < RATIO * labelStd)) return Optional.empty();
    return Optional.of(String.format(Locale.ROOT, "%s: the cross-validated %s = %.6g means an error below %s of "
        + "the label's standard deviation (%.6g); a feature probably holds the label or is computed from it: check "
        + "sparktune.data.features and sparktune.data.exclude", BestResult.LIKELY_LEAK, metric, value, RATIO, labelStd));
  }
}
