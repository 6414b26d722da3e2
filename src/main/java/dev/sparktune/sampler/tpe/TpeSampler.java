package dev.sparktune.sampler.tpe;

import dev.sparktune.sampler.ModelBasedSampler;
import dev.sparktune.sampler.Observations;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Tree-structured Parzen Estimator (Bergstra, Bardenet, Bengio, Kégl, "Algorithms for
 * Hyper-Parameter Optimization", NeurIPS 2011). Splits the results into the best γ·n ("good",
 * density l) and the rest (density g), draws candidates from l and proposes the one maximising
 * l(x)/g(x), which is proportional to expected improvement under the paper's model.
 *
 * <p>Works in the unit cube, so log, int and step params need no special case: the cube already
 * owns their scale and rounding. Categorical coordinates get categorical kernels. A conditional
 * param learns only from the trials where it was active. Running trials count as bad results
 * (constant liar) so concurrent suggestions do not pile onto one point.
 */
public final class TpeSampler extends ModelBasedSampler {
  /** Below this many results per group the oldest are not down-weighted. */
  private static final int FLAT_WEIGHTS = 25;
  /** The most recent bad results the bad density is built from. */
  private static final int MAX_BAD = 250;

  private final TpeSettings settings;
  /** Encoded rows of trials seen before: derived from the history only, so results are unchanged. */
  private final Observations.RowCache rows = new Observations.RowCache();

  public TpeSampler(TpeSettings settings, long seed) {
    super(seed, settings.startupTrials());
    this.settings = settings;
  }

  @Override
  protected Observations observe(SearchSpace space, History history) {
    return Observations.of(space, history, settings.startupTrials(), rows);
  }

  @Override
  protected Assignment propose(SearchSpace space, History history, Observations obs, RandomGenerator rng) {
    int n = obs.size();
    int good = Math.min((int) Math.ceil(settings.gamma() * n), settings.maxGood());
    boolean[] isGood = goodOnes(obs.loss(), good);
    List<double[]> below = new ArrayList<>();
    List<double[]> above = new ArrayList<>();
    for (int i = 0; i < n; i++) (isGood[i] ? below : above).add(obs.x()[i]);
    // The bad density needs the recent picture, not all of it: the oldest rows carry little weight
    // (see weights) and dropping them keeps a suggestion under a millisecond at 1,000 trials.
    if (above.size() > MAX_BAD) above = new ArrayList<>(above.subList(above.size() - MAX_BAD, above.size()));
    int liesFrom = above.size();
    if (settings.constantLiar()) above.addAll(Arrays.asList(obs.pending()));
    double[][] l = below.toArray(new double[0][]);
    double[][] g = above.toArray(new double[0][]);
    int[] cats = Observations.categories(space);
    double[] minSigma = minSigma(space, n);
    double[] x = new double[space.dimensions()];
    if (settings.multivariate()) {
      int[] all = IntStream.range(0, x.length).toArray();
      x = propose(l, g, liesFrom, all, cats, minSigma, x, rng);
    } else {
      for (int j = 0; j < x.length; j++) {
        double[][] lj = activeAt(l, l.length, j);
        // The finished rows of g active at j, then the running ones: gpj[0, gLies) are finished.
        double[][] gpj = activeAt(g, g.length, j);
        int gLies = countActive(g, liesFrom, j);
        x = propose(lj, gpj, gLies, new int[] {j}, cats, minSigma, x, rng);
      }
    }
    return space.cube().decode(x);
  }

  /** The best of the candidates drawn from l by l/g; rows of g from {@code liesFrom} on are running trials. */
  private double[] propose(double[][] l, double[][] g, int liesFrom, int[] dims, int[] cats, double[] minSigma,
      double[] base, RandomGenerator rng) {
    ParzenEstimator good = new ParzenEstimator(l, weights(l.length), dims, cats, minSigma, settings.priorWeight(), l.length);
    ParzenEstimator bad = new ParzenEstimator(g, weights(g.length), dims, cats, minSigma, settings.priorWeight(), liesFrom);
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < settings.eiCandidates(); c++) {
      double[] cand = good.sample(base, rng);
      double score = good.logPdf(cand) - bad.logPdf(cand);
      if (best == null || score > bestScore) {
        best = cand;
        bestScore = score;
      }
    }
    return best;
  }

  /** The {@code good} smallest losses; among equal losses the earlier trial counts as good. */
  static boolean[] goodOnes(double[] loss, int good) {
    double[] sorted = loss.clone();
    Arrays.sort(sorted);
    double threshold = sorted[good - 1];
    boolean[] isGood = new boolean[loss.length];
    int taken = 0;
    for (int i = 0; i < loss.length; i++) {
      if (loss[i] < threshold) {
        isGood[i] = true;
        taken++;
      }
    }
    for (int i = 0; i < loss.length && taken < good; i++) {
      if (loss[i] == threshold) {
        isGood[i] = true;
        taken++;
      }
    }
    return isGood;
  }

  /**
   * The narrowest kernel per coordinate. A variant of the "magic clip" (Bergstra et al.): the
   * floor is 1 / min(100, n + 2) with n the number of results of the whole study, not of one
   * group, so kernels keep narrowing as the study goes on and late trials refine the optimum
   * (on the benchmark this is the largest single gain over the group-sized floor). On an int,
   * stepped or categorical coordinate the floor is one cell, so neighbouring values keep being
   * tried instead of the search freezing on one integer.
   */
  static double[] minSigma(SearchSpace space, int n) {
    long[] cells = Observations.cells(space);
    double[] min = new double[cells.length];
    for (int j = 0; j < min.length; j++) {
      min[j] = Math.max(1.0 / Math.min(100.0, n + 2.0), cells[j] > 0 ? 1.0 / cells[j] : 0);
    }
    return min;
  }

  /** The rows where coordinate j was active: a conditional param learns only from those. */
  private static double[][] activeAt(double[][] rows, int upTo, int j) {
    double[][] active = new double[countActive(rows, upTo, j)][];
    int k = 0;
    for (int i = 0; i < upTo; i++) if (!Double.isNaN(rows[i][j])) active[k++] = rows[i];
    return active;
  }

  /** How many of the first {@code upTo} rows are active at coordinate j. */
  private static int countActive(double[][] rows, int upTo, int j) {
    int n = 0;
    for (int i = 0; i < upTo; i++) if (!Double.isNaN(rows[i][j])) n++;
    return n;
  }

  /**
   * Rows are in trial order. The newest {@value #FLAT_WEIGHTS} count fully; older ones fade
   * linearly, since early results were found before the search had focused.
   */
  static double[] weights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int ramp = n - FLAT_WEIGHTS;
    for (int i = 0; i < ramp; i++) w[i] = 1.0 / n + (1 - 1.0 / n) * i / Math.max(1, ramp - 1);
    return w;
  }
}
