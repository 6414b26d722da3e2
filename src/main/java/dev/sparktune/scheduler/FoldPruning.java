package dev.sparktune.scheduler;

import dev.sparktune.objective.FoldMonitor;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Fold-level pruning: stop a trial after its first folds when they are clearly worse than the
 * incumbent's on the same folds, and spend its remaining folds' slots elsewhere.
 *
 * <p>The incumbent is the best completed trial at the same data budget when the trial starts
 * (for the folds budget, any folds budget: fold i is the same data whatever the rung). The test
 * is paired, because folds differ in difficulty far more than good configurations differ from
 * each other, and pairing cancels that: with d_i = candidate_i − incumbent_i on the m shared folds
 * (signed so larger is better), prune when
 *
 * <pre>  mean(d) &lt; −z · s / √m,   s = max(sd(d), sd(incumbent's folds))</pre>
 *
 * i.e. when even the upper one-sided z-bound of the mean paired difference is below zero. The
 * spread s never goes below the incumbent's own fold spread, which bounds the paired spread from
 * above in practice and stands in for it at m = 1 where sd(d) is undefined; so the rule is
 * conservative: with z = 2, a configuration as good as the incumbent is pruned with probability
 * of the order of 2% under normal fold noise. Never prunes at or after the last fold (nothing
 * left to save) nor before {@code minFolds} folds.
 *
 * <p>The monitor holds only the incumbent's values, fixed at start, so it is immutable and
 * thread-safe as {@link FoldMonitor} requires.
 *
 * @param z the one-sided bound's multiplier (2 by default)
 * @param minFolds folds a trial always runs before it can be pruned (1 by default)
 */
public record FoldPruning(double z, int minFolds) {
  public FoldPruning {
    if (!(z >= 0) || Double.isInfinite(z)) throw new IllegalArgumentException("z must be a finite number >= 0, got " + z);
    if (minFolds < 1) throw new IllegalArgumentException("minFolds must be >= 1, got " + minFolds);
  }

  public static FoldPruning defaults() {
    return new FoldPruning(2.0, 1);
  }

  /**
   * The monitor for {@code candidate}, against the incumbent in {@code history} (ranked by its
   * {@link History#direction()}); NONE without one.
   */
  public FoldMonitor monitor(Trial candidate, History history) {
    Direction direction = history.direction();
    Optional<Trial> incumbent = incumbent(candidate, history);
    if (incumbent.isEmpty()) return FoldMonitor.NONE;
    Trial inc = incumbent.get();
    SortedMap<Integer, Double> incFolds = ((Outcome.Completed) inc.outcome().orElseThrow()).foldMap();
    int expected = candidate.budget().kind() == Budget.Kind.FOLDS ? (int) candidate.budget().whole() : incFolds.size();
    double incSpread = Outcome.Completed.ofFolds(incFolds, 0).std();
    return (trial, folds) -> prune(folds, incFolds, expected, incSpread, direction);
  }

  private boolean prune(Map<Integer, Double> folds, Map<Integer, Double> inc, int expected, double incSpread,
      Direction direction) {
    if (folds.size() < minFolds || folds.size() >= expected) return false;
    int m = 0;
    double sum = 0;
    double sumSq = 0;
    for (var e : folds.entrySet()) {
      Double other = inc.get(e.getKey());
      if (other == null) continue;
      double d = direction.signed(e.getValue()) - direction.signed(other);
      m++;
      sum += d;
      sumSq += d * d;
    }
    if (m < minFolds) return false;
    double mean = sum / m;
    double sdPaired = m > 1 ? Math.sqrt(Math.max(0, (sumSq - m * mean * mean) / (m - 1))) : 0;
    double s = Math.max(sdPaired, incSpread);
    // No spread at all (one fold each): no estimate of the noise, so only z = 0 may prune.
    if (s == 0) return z == 0 && mean < 0;
    return mean < -z * s / Math.sqrt(m);
  }

  /**
   * Best completed trial on the same data as {@code candidate} (not itself), with fold values;
   * among folds budgets the one with most folds first, as its mean is the least lucky.
   */
  static Optional<Trial> incumbent(Trial candidate, History history) {
    Direction direction = history.direction();
    Trial best = null;
    for (Trial t : history.trials()) {
      if (t.number() == candidate.number() || t.state() != TrialState.COMPLETE || !sameData(t.budget(), candidate.budget())) {
        continue;
      }
      int n = folds(t);
      if (n == 0) continue;
      if (best == null || n > folds(best)
          || n == folds(best) && direction.better(t.value().getAsDouble(), best.value().getAsDouble())) {
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int folds(Trial t) {
    return ((Outcome.Completed) t.outcome().orElseThrow()).folds().size();
  }

  private static boolean sameData(Budget a, Budget b) {
    if (a.kind() != b.kind()) return a.isFull() && b.isFull();
    if (a.kind() == Budget.Kind.FOLDS) return true;
    return a.param().equals(b.param()) && a.amount() == b.amount();
  }
}
