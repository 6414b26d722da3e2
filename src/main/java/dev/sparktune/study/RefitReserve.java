package dev.sparktune.study;

import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.Optional;

/**
 * The time a time-limited study keeps free at its end for what comes after it: refitting the
 * best configuration on all training rows, scoring it on the test set and writing the outputs.
 *
 * <p>The refit is estimated from the best trial ({@link #estimate}): each of its k folds was
 * fitted on (k−1)/k of the training rows and a fit's time grows about linearly with its rows, so
 * one fit on all of them takes about the mean per-fold fit time × k/(k−1) (divided by the
 * data fraction when the largest data-fraction budget is below 1). The reserve is
 * {@code safety} × that + {@code margin}: the safety factor because fold fit times vary and the
 * test score and the model's save come on top, the margin for writing trials.csv, best.json and
 * the model. Before anything has completed there is nothing to refit and only the margin is kept;
 * the estimate follows the best as it changes.
 *
 * @param safety factor on the refit estimate, ≥ 1
 * @param margin kept for writing the outputs
 * @param refit false when no refit follows the study ({@code output.refit = false})
 */
public record RefitReserve(double safety, Duration margin, boolean refit) {
  /** Keeps nothing: the limit is for the study alone. */
  public static final RefitReserve NONE = new RefitReserve(1.0, Duration.ZERO, false);

  /** The default safety factor; see the class comment. */
  public static final double SAFETY = 1.5;
  /** The largest margin for writing outputs; a short limit keeps a tenth of itself instead. */
  public static final Duration MAX_MARGIN = Duration.ofSeconds(30);

  /** @throws IllegalArgumentException if {@code safety} is below 1 or {@code margin} is negative */
  public RefitReserve {
    if (!(safety >= 1)) throw new IllegalArgumentException("safety factor must be >= 1, got " + safety);
    if (margin.isNegative()) throw new IllegalArgumentException("margin must be >= 0, got " + margin);
  }

  /** The defaults for a run limited to {@code limit}: safety 1.5, margin min(30 s, limit / 10). */
  public static RefitReserve forLimit(Duration limit, boolean refit) {
    Duration tenth = limit.dividedBy(10);
    return new RefitReserve(SAFETY, tenth.compareTo(MAX_MARGIN) < 0 ? tenth : MAX_MARGIN, refit);
  }

  /** What to keep free now, given the study's best so far. */
  public Duration of(StudyStatus status) {
    Duration fit = refit ? status.refitEstimate().orElse(Duration.ZERO) : Duration.ZERO;
    return margin.plus(Duration.ofNanos(Math.round(fit.toNanos() * safety)));
  }

  /**
   * One fit of {@code best}'s configuration on all training rows, from its fold fit times; empty
   * if it has no completed outcome.
   *
   * @param trials every trial by number (a list's {@code get}): under racing over folds ({@link Budget.Kind#FOLDS})
   *     each rung fitted only the folds its parent had not, so the fit times of the whole lineage
   *     add up to its k folds
   */
  static Optional<Duration> estimate(Trial best, IntFunction<Trial> trials) {
    if (!(best.outcome().orElse(null) instanceof Outcome.Completed c)) return Optional.empty();
    double seconds = c.fitSeconds();
    for (Trial t = best; t.budget().kind() == Budget.Kind.FOLDS && !t.lineage().isRoot(); ) {
      t = trials.apply(t.lineage().parent());
      if (t.outcome().orElse(null) instanceof Outcome.Completed p) seconds += p.fitSeconds();
    }
    int k = c.folds().size();
    // Not cross-validated (k = 0): its one fit already used every row.
    double allRows = k < 2 ? seconds : seconds / k * k / (k - 1.0);
    if (best.budget().kind() == Budget.Kind.DATA_FRACTION) allRows /= best.budget().amount();
    return Optional.of(Duration.ofNanos(Math.round(allRows * 1e9)));
  }
}
