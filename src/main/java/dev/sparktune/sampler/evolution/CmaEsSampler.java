package dev.sparktune.sampler.evolution;

import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.ModelBasedSampler;
import dev.sparktune.sampler.Observations;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.History;
import java.util.Arrays;
import java.util.Comparator;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * CMA-ES (Hansen, "The CMA Evolution Strategy: A Tutorial", arXiv:1604.00772) over the numeric
 * coordinates of the unit cube; categorical coordinates are drawn at random. The strategy's state
 * (mean, step size, covariance, evolution paths) is never stored: it is replayed from the history
 * on every call, each consecutive group of λ completed trials (in trial order) being one
 * generation, and the next point is drawn from the state after the last complete generation.
 * Replaying costs one eigendecomposition per generation, a few milliseconds for a few hundred
 * trials. Starts at the centre of the cube.
 *
 * <p>With constraints a generation is ranked by Deb's rule ({@link Observations#compare}) instead
 * of by loss alone: feasible members first, by loss, then infeasible ones by violation. The
 * recombination weights then pull the mean into the feasible region and along it, with no
 * penalty constant to tune.
 */
public final class CmaEsSampler extends ModelBasedSampler {
  private final CmaEsSettings settings;

  public CmaEsSampler(CmaEsSettings settings) {
    this(settings, Samplers.ONE_SCORE);
  }

  /** @param goals the metric and the study's constraints (see {@link ModelBasedSampler}) */
  public CmaEsSampler(CmaEsSettings settings, Goals goals) {
    super(0, 0, goals);   // no Sobol start: the first generation is drawn around the centre of the cube
    this.settings = settings;
  }

  @Override
  protected Assignment propose(SearchSpace space, History history, Observations obs, RandomGenerator rng) {
    int[] cats = Observations.categories(space);
    int[] numeric = IntStream.range(0, cats.length).filter(j -> cats[j] == 0).toArray();
    double[] u = new double[cats.length];
    for (int j = 0; j < u.length; j++) u[j] = rng.nextDouble();
    if (numeric.length > 0) {
      State s = new State(numeric.length, settings);
      int lambda = s.lambda;
      for (int g = 0; (g + 1) * lambda <= obs.size(); g++) {
        double[][] xs = new double[lambda][];
        for (int i = 0; i < lambda; i++) {
          double[] row = obs.x()[g * lambda + i];
          xs[i] = new double[numeric.length];
          // An inactive conditional coordinate counts as sitting on the mean: it says nothing.
          for (int k = 0; k < numeric.length; k++) {
            xs[i][k] = Double.isNaN(row[numeric[k]]) ? s.mean[k] : row[numeric[k]];
          }
        }
        final int first = g * lambda;
        s.tell(xs, (i, j) -> obs.compare(first + i, first + j));
      }
      double[] x = s.ask(rng);
      for (int k = 0; k < numeric.length; k++) u[numeric[k]] = x[k];
    }
    return space.cube().decode(u);
  }

  /** The strategy's state after the generations replayed so far. */
  static final class State {
    final int n;
    final int lambda;
    final int mu;
    final double[] weights;
    final double muEff;
    final double cSigma;
    final double dSigma;
    final double cC;
    final double c1;
    final double cMu;
    final double chiN;
    double[] mean;
    double sigma;
    double[][] c;
    double[] pSigma;
    double[] pC;
    double[][] b;
    double[] d;
    int generation;

    State(int n, CmaEsSettings settings) {
      this.n = n;
      lambda = settings.populationSize() > 0 ? settings.populationSize() : 4 + (int) Math.floor(3 * Math.log(n));
      mu = lambda / 2;
      weights = new double[mu];
      double sum = 0;
      for (int i = 0; i < mu; i++) sum += weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
      double sq = 0;
      for (int i = 0; i < mu; i++) {
        weights[i] /= sum;
        sq += weights[i] * weights[i];
      }
      muEff = 1 / sq;
      cSigma = (muEff + 2) / (n + muEff + 5);
      dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
      cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
      c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
      cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
      chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
      mean = new double[n];
      Arrays.fill(mean, 0.5);
      sigma = settings.sigma0();
      c = identity(n);
      b = identity(n);
      d = new double[n];
      Arrays.fill(d, 1);
      pSigma = new double[n];
      pC = new double[n];
    }

    /** m + σ·B·D·z, resampled a few times if it leaves the cube, then clipped. */
    double[] ask(RandomGenerator rng) {
      double[] x = new double[n];
      for (int attempt = 0; attempt < 10; attempt++) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) z[i] = d[i] * rng.nextGaussian();
        boolean inside = true;
        for (int i = 0; i < n; i++) {
          double y = 0;
          for (int j = 0; j < n; j++) y += b[i][j] * z[j];
          x[i] = mean[i] + sigma * y;
          inside &= x[i] >= 0 && x[i] <= 1;
        }
        if (inside) return x;
      }
      for (int i = 0; i < n; i++) x[i] = Math.min(1, Math.max(0, x[i]));
      return x;
    }

    /**
     * One generation: the tutorial's mean, path, step-size and rank-one + rank-μ updates.
     *
     * @param better orders members by index, the better first; ties keep the earlier member first
     */
    void tell(double[][] xs, Comparator<Integer> better) {
      Integer[] order = IntStream.range(0, xs.length).boxed()
          .sorted(better.thenComparingInt(i -> i)).toArray(Integer[]::new);
      double[] old = mean.clone();
      double[][] y = new double[mu][n];
      double[] yw = new double[n];
      mean = new double[n];
      for (int r = 0; r < mu; r++) {
        for (int i = 0; i < n; i++) {
          y[r][i] = (xs[order[r]][i] - old[i]) / sigma;
          yw[i] += weights[r] * y[r][i];
          mean[i] += weights[r] * xs[order[r]][i];
        }
      }
      // C^{-1/2} y_w = B D^{-1} Bᵀ y_w
      double[] t = new double[n];
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int i = 0; i < n; i++) s += b[i][j] * yw[i];
        t[j] = s / d[j];
      }
      double norm = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) s += b[i][j] * t[j];
        pSigma[i] = (1 - cSigma) * pSigma[i] + Math.sqrt(cSigma * (2 - cSigma) * muEff) * s;
        norm += pSigma[i] * pSigma[i];
      }
      norm = Math.sqrt(norm);
      generation++;
      boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
      for (int i = 0; i < n; i++) {
        pC[i] = (1 - cC) * pC[i] + (hSigma ? Math.sqrt(cC * (2 - cC) * muEff) * yw[i] : 0);
      }
      double delta = hSigma ? 0 : cC * (2 - cC);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double rankMu = 0;
          for (int r = 0; r < mu; r++) rankMu += weights[r] * y[r][i] * y[r][j];
          c[i][j] = (1 - c1 - cMu) * c[i][j] + c1 * (pC[i] * pC[j] + delta * c[i][j]) + cMu * rankMu;
        }
      }
      sigma *= Math.exp((cSigma / dSigma) * (norm / chiN - 1));
      sigma = Math.min(sigma, 1.0);
      EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(c, false));
      RealMatrix v = eig.getV();
      for (int i = 0; i < n; i++) {
        d[i] = Math.sqrt(Math.max(1e-20, eig.getRealEigenvalue(i)));
        for (int j = 0; j < n; j++) b[j][i] = v.getEntry(j, i);
      }
    }

    private static double[][] identity(int n) {
      double[][] m = new double[n][n];
      for (int i = 0; i < n; i++) m[i][i] = 1;
      return m;
    }
  }
}
