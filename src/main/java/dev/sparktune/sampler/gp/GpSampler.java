package dev.sparktune.sampler.gp;

import dev.sparktune.pareto.Goals;
import dev.sparktune.sampler.ModelBasedSampler;
import dev.sparktune.sampler.Observations;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.UnitCube;
import dev.sparktune.trial.History;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Gaussian-process Bayesian optimisation: a Matérn-5/2 GP on the results ({@link GaussianProcess}),
 * and the point of largest expected improvement among random candidates, points near the best
 * results, and a local refinement of the most promising of them.
 *
 * <p>Inputs are unit-cube coordinates with each categorical one-hot encoded (a category is a
 * label, not a position). Every candidate is snapped through decode/encode before it is scored,
 * so the model judges ints, steps and inactive conditional params where they will really land.
 * Losses are warped before standardising, by the member of a family from a strong log to none
 * that the data support best ({@link OutputWarp}).
 *
 * <p>With constraints the acquisition is expected improvement over the best <em>feasible</em>
 * result times the probability that the point is feasible ({@link Feasibility}, Gardner et al.
 * 2014), in log space; until a result is feasible, that probability alone. The objective's GP
 * still learns from every result, infeasible ones included: their scores are as real.
 */
public final class GpSampler extends ModelBasedSampler {
  private static final int REFINE_STARTS = 5;
  private static final int REFINE_STEPS = 20;

  private final GpSettings settings;

  public GpSampler(GpSettings settings, long seed) {
    this(settings, Samplers.ONE_SCORE, seed);
  }

  /** @param goals the metric and the study's constraints (see {@link ModelBasedSampler}) */
  public GpSampler(GpSettings settings, Goals goals, long seed) {
    super(seed, settings.startupTrials(), goals);
    this.settings = settings;
  }

  @Override
  protected Assignment propose(SearchSpace space, History history, Observations obs, RandomGenerator rng) {
    Features features = new Features(Observations.categories(space));
    int n = obs.size();
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) x[i] = features.of(obs.x()[i]);
    Surrogate surrogate = Surrogate.fit(x, obs.loss());
    GaussianProcess gp = surrogate.gp();
    double[] y = surrogate.y();
    // The incumbent is the best feasible result; with none yet there is nothing to improve on.
    double best = IntStream.range(0, n).filter(obs::feasible).mapToDouble(i -> y[i]).min().orElse(Double.NaN);
    if (settings.constantLiar() && obs.pending().length > 0) gp = believe(gp, x, y, obs.pending(), features);
    Feasibility feasibility = obs.constrained() ? Feasibility.fit(x, obs.slack()) : null;

    UnitCube cube = space.cube();
    final GaussianProcess model = gp;
    double[] out = new double[2];
    record Scored(double[] u, double score) {}
    java.util.function.Function<double[], Scored> score = u -> {
      double[] f = features.of(cube.encode(cube.decode(u)));
      double a = 0;
      if (!Double.isNaN(best)) {
        model.predict(f, out);
        a = ExpectedImprovement.log(out[0], out[1], best);
      }
      if (feasibility != null) a += feasibility.logProbability(f);
      return new Scored(u, a);
    };
    int d = space.dimensions();
    List<Scored> scored = new ArrayList<>();
    for (int c = 0; c < settings.candidates(); c++) scored.add(score.apply(uniform(d, rng)));
    // Points near the best results (feasible ones first): where EI usually peaks once the model is confident.
    Integer[] order = IntStream.range(0, n).boxed().sorted(obs::compare).toArray(Integer[]::new);
    for (int r = 0; r < Math.min(4, n); r++) {
      for (int c = 0; c < 16; c++) scored.add(score.apply(perturb(fill(obs.x()[order[r]], rng), 0.05, rng)));
    }
    scored.sort(Comparator.comparingDouble(Scored::score).reversed());
    Scored winner = scored.get(0);
    for (int s = 0; s < Math.min(REFINE_STARTS, scored.size()); s++) {
      // Stochastic hill climbing: accept a better neighbour, shrink the step after a miss.
      Scored at = scored.get(s);
      double step = 0.05;
      for (int t = 0; t < REFINE_STEPS; t++) {
        Scored next = score.apply(perturb(at.u(), step, rng));
        if (next.score() > at.score()) at = next;
        else step = Math.max(1e-4, step * 0.7);
      }
      if (at.score() > winner.score()) winner = at;
    }
    return cube.decode(winner.u());
  }

  /** Kriging believer: running trials join the data at the model's own prediction for them. */
  private static GaussianProcess believe(GaussianProcess gp, double[][] x, double[] y, double[][] pending,
      Features features) {
    int n = x.length;
    double[][] xa = Arrays.copyOf(x, n + pending.length);
    double[] ya = Arrays.copyOf(y, n + pending.length);
    double[] out = new double[2];
    for (int i = 0; i < pending.length; i++) {
      xa[n + i] = features.of(pending[i]);
      gp.predict(xa[n + i], out);
      ya[n + i] = out[0];
    }
    GaussianProcess believed = Surrogate.condition(xa, ya, gp.theta());
    return believed == null ? gp : believed;
  }

  private static double[] uniform(int d, RandomGenerator rng) {
    double[] u = new double[d];
    for (int i = 0; i < d; i++) u[i] = rng.nextDouble();
    return u;
  }

  /** An observed point with its inactive (NaN) coordinates filled at random. */
  private static double[] fill(double[] u, RandomGenerator rng) {
    double[] v = u.clone();
    for (int i = 0; i < v.length; i++) if (Double.isNaN(v[i])) v[i] = rng.nextDouble();
    return v;
  }

  private static double[] perturb(double[] u, double step, RandomGenerator rng) {
    double[] v = u.clone();
    for (int i = 0; i < v.length; i++) v[i] = Math.min(1, Math.max(0, v[i] + step * rng.nextGaussian()));
    return v;
  }

  /** Cube point → GP input: numeric coordinates as they are, categoricals one-hot, NaN → centre. */
  record Features(int[] categories) {
    double[] of(double[] u) {
      int width = 0;
      for (int k : categories) width += k > 0 ? k : 1;
      double[] f = new double[width];
      int at = 0;
      for (int i = 0; i < u.length; i++) {
        int k = categories[i];
        if (k == 0) {
          f[at++] = Double.isNaN(u[i]) ? 0.5 : u[i];
        } else {
          if (!Double.isNaN(u[i])) f[at + Observations.category(u[i], k)] = 1;
          at += k;
        }
      }
      return f;
    }
  }
}
