package dev.sparktune.sampler.tpe;

import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Hypervolume;
import dev.sparktune.pareto.Ranking;
import dev.sparktune.sampler.MultiObjectiveSampler;
import dev.sparktune.sampler.MultiObservations;
import dev.sparktune.sampler.Observations;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.SearchSpace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Multi-objective TPE (Ozaki, Tanigaki, Watanabe, Onishi, "Multiobjective Tree-Structured Parzen
 * Estimator for Computationally Expensive Optimization Problems", GECCO 2020), with constraints as
 * Optuna's TPESampler takes them (Watanabe & Hutter, c-TPE, 2023, in Optuna's simpler form).
 *
 * <p>The "good" results are the best {@code min(⌈γ·n⌉, max-good)} by non-dominated sorting: whole
 * fronts while they fit, then the members of the next front that add the most hypervolume
 * (greedily). Each good result is weighted by its exclusive hypervolume contribution, so the
 * density favours points that widen the front rather than crowd it. The rest, and the running
 * trials (constant liar), make the "bad" density; the proposal maximises good/bad as in
 * {@link TpeSampler}, multivariate.
 *
 * <p>Constraints: only feasible results can be good while there are enough of them; otherwise all
 * feasible ones are good and the least-violating infeasible ones fill the rest (with a tiny
 * weight), so an all-infeasible start is steered towards feasibility.
 */
public final class MotpeSampler extends MultiObjectiveSampler {
  private static final double EPS = 1e-12;

  private final TpeSettings settings;

  public MotpeSampler(TpeSettings settings, Goals goals, long seed) {
    super(goals, seed, settings.startupTrials());
    this.settings = settings;
  }

  @Override
  protected Assignment propose(SearchSpace space, MultiObservations obs, RandomGenerator rng) {
    int n = obs.size();
    int good = Math.min((int) Math.ceil(settings.gamma() * n), settings.maxGood());
    Ranking r = obs.ranking();
    int[] below = below(r, good);
    boolean[] isGood = new boolean[n];
    for (int i : below) isGood[i] = true;
    double[][] l = Arrays.stream(below).mapToObj(i -> obs.x()[i]).toArray(double[][]::new);
    List<double[]> above = new ArrayList<>();
    for (int i = 0; i < n; i++) if (!isGood[i]) above.add(obs.x()[i]);
    int liesFrom = above.size();
    if (settings.constantLiar()) above.addAll(Arrays.asList(obs.pending()));
    double[][] g = above.toArray(new double[0][]);
    int[] cats = Observations.categories(space);
    double[] minSigma = TpeSampler.minSigma(space, n);
    int[] all = IntStream.range(0, space.dimensions()).toArray();
    ParzenEstimator lpe = new ParzenEstimator(l, goodWeights(r, below), all, cats, minSigma, settings.priorWeight(),
        l.length);
    ParzenEstimator gpe = new ParzenEstimator(g, TpeSampler.weights(g.length), all, cats, minSigma,
        settings.priorWeight(), liesFrom);
    double[] base = new double[space.dimensions()];
    double[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < settings.eiCandidates(); c++) {
      double[] cand = lpe.sample(base, rng);
      double score = lpe.logPdf(cand) - gpe.logPdf(cand);
      if (best == null || score > bestScore) {
        best = cand;
        bestScore = score;
      }
    }
    return space.cube().decode(best);
  }

  /** The indices of the {@code k} good results (see the class comment). */
  static int[] below(Ranking r, int k) {
    int n = r.size();
    List<Integer> feasible = new ArrayList<>();
    List<Integer> infeasible = new ArrayList<>();
    for (int i = 0; i < n; i++) (r.feasible(i) ? feasible : infeasible).add(i);
    List<Integer> chosen = new ArrayList<>();
    if (feasible.size() <= k) {
      chosen.addAll(feasible);
      infeasible.sort((a, b) -> Double.compare(r.violations()[a], r.violations()[b]));
      chosen.addAll(infeasible.subList(0, Math.min(k - chosen.size(), infeasible.size())));
      return chosen.stream().mapToInt(Integer::intValue).toArray();
    }
    // Feasible results by front; ranks among feasible ones are Pareto ranks from 0.
    int rank = 0;
    while (chosen.size() < k) {
      final int front = rank++;
      List<Integer> members = feasible.stream().filter(i -> r.ranks()[i] == front).toList();
      if (chosen.size() + members.size() <= k) {
        chosen.addAll(members);
      } else {
        chosen.addAll(greedyHypervolume(r, members, k - chosen.size()));
      }
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** {@code k} of {@code members}, each time the one that adds the most hypervolume (Optuna's HSSP, greedy). */
  private static List<Integer> greedyHypervolume(Ranking r, List<Integer> members, int k) {
    double[] ref = reference(r, members);
    List<Integer> left = new ArrayList<>(members);
    List<Integer> taken = new ArrayList<>();
    while (taken.size() < k) {
      int bestAt = 0;
      double bestHv = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < left.size(); c++) {
        List<Integer> with = new ArrayList<>(taken);
        with.add(left.get(c));
        double hv = Hypervolume.of(with.stream().map(i -> r.losses()[i]).toArray(double[][]::new), ref);
        if (hv > bestHv) {
          bestHv = hv;
          bestAt = c;
        }
      }
      taken.add(left.remove(bestAt));
    }
    return taken;
  }

  /**
   * Weights of the good results: feasible ones by exclusive hypervolume contribution (relative to
   * the largest), infeasible ones a token weight.
   */
  private static double[] goodWeights(Ranking r, int[] below) {
    int[] feasible = Arrays.stream(below).filter(r::feasible).toArray();
    double[] w = new double[below.length];
    Arrays.fill(w, EPS);
    if (feasible.length == 0) return w;
    List<Integer> members = Arrays.stream(feasible).boxed().toList();
    double[] c = Hypervolume.contributions(members.stream().map(i -> r.losses()[i]).toArray(double[][]::new),
        reference(r, members));
    double max = Arrays.stream(c).max().orElse(0);
    for (int i = 0, f = 0; i < below.length; i++) {
      if (!r.feasible(below[i])) continue;
      w[i] = max > 0 ? Math.max(c[f] / max, EPS) : 1.0;
      f++;
    }
    return w;
  }

  /** Optuna's reference point: 10 % beyond the worst loss of each objective (or 0.1 past it at 0). */
  private static double[] reference(Ranking r, List<Integer> members) {
    int m = r.losses()[members.get(0)].length;
    double[] ref = new double[m];
    Arrays.fill(ref, Double.NEGATIVE_INFINITY);
    for (int i : members) for (int j = 0; j < m; j++) ref[j] = Math.max(ref[j], r.losses()[i][j]);
    for (int j = 0; j < m; j++) {
      ref[j] = ref[j] == 0 ? EPS * 1e10 : Math.max(1.1 * ref[j], 0.9 * ref[j]);
    }
    return ref;
  }
}
