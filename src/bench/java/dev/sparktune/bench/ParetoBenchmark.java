package dev.sparktune.bench;

import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Hypervolume;
import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Multi-objective sampler quality (plain Java, no Spark): for each ZDT problem, sampler and seed,
 * one sequential study of {@code trials} trials through the sampler registry, then the
 * hypervolume of all its results against the reference point (1.1, 11). Prints the median
 * [Q1, Q3] per cell, the median as a share of the true front's hypervolume, and each sampler's
 * median over random's. {@code submit/pareto-benchmark --help} lists the options.
 */
public final class ParetoBenchmark {
  /** Beaten by every point with f1 ≤ 1 and f2 ≤ 10 (g ≤ 10 on ZDT1/2): nothing the search finds is cut off. */
  static final double[] REFERENCE = {1.1, 11};

  private ParetoBenchmark() {}

  /** One study's hypervolume after {@code trials} trials. */
  public static double run(Zdt problem, String sampler, int dims, int trials, long seed) {
    List<FloatParam> params = new ArrayList<>();
    for (int i = 0; i < dims; i++) params.add(FloatParam.of(String.format(Locale.ROOT, "x%02d", i), 0, 1));
    SearchSpace space = SearchSpace.of(params.toArray(new FloatParam[0]));
    Goals goals = new Goals("f1", List.of(new Goal("f1", Direction.MINIMIZE), new Goal("f2", Direction.MINIMIZE)),
        List.of());
    Sampler s = Samplers.create(sampler, new Samplers.Options(seed, OptionalInt.empty())
        .withGoals(goals, Nsga2Settings.defaults()), space);
    InMemoryTrialStore store = new InMemoryTrialStore();
    double[][] points = new double[trials][];
    for (int i = 0; i < trials; i++) {
      Assignment a = s.sample(space, store.toward(Direction.MINIMIZE), Rngs.forTrial(seed, i)).orElseThrow();
      double[] x = new double[dims];
      for (int j = 0; j < dims; j++) x[j] = ((Number) a.get(params.get(j).name())).doubleValue();
      double[] f = problem.evaluate(x);
      points[i] = f;
      Trial t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), new Outcome.Completed(f[0], List.of(), 0, Map.of("f2", f[1])), Instant.EPOCH);
    }
    return Hypervolume.of(points, REFERENCE);
  }

  public static void main(String[] argv) throws Exception {
    List<String> samplers = List.of("random", "nsga2", "tpe");
    List<Zdt> problems = List.of(Zdt.ZDT1, Zdt.ZDT2);
    int dims = 30;
    int trials = 200;
    int seeds = 20;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println("Usage: submit/pareto-benchmark [--samplers random,nsga2,tpe] [--functions ZDT1,ZDT2] "
            + "[--dims 30] [--trials 200] [--seeds 20] [--threads N]");
        return;
      }
      if (i + 1 >= argv.length) usage(a + " needs a value");
      String v = argv[++i];
      try {
        switch (a) {
          case "--samplers" -> samplers = List.of(v.split(","));
          case "--functions" -> problems = java.util.Arrays.stream(v.split(",")).map(n -> Zdt.valueOf(n.toUpperCase(Locale.ROOT))).toList();
          case "--dims" -> dims = Integer.parseInt(v);
          case "--trials" -> trials = Integer.parseInt(v);
          case "--seeds" -> seeds = Integer.parseInt(v);
          case "--threads" -> threads = Integer.parseInt(v);
          default -> usage("unknown option " + a + " (see --help)");
        }
      } catch (IllegalArgumentException e) {
        usage(a + ": " + e.getMessage());
      }
    }
    if (dims < 2 || trials < 1 || seeds < 1 || threads < 1) usage("--dims must be >= 2, --trials, --seeds and --threads >= 1");
    System.out.printf(Locale.ROOT, "hypervolume after %d trials, %d params, reference (%.1f, %.0f), %d seeds; median [Q1, Q3]%n",
        trials, dims, REFERENCE[0], REFERENCE[1], seeds);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (Zdt p : problems) {
        Map<String, double[]> hv = new LinkedHashMap<>();
        for (String name : samplers) {
          List<Future<Double>> runs = new ArrayList<>();
          for (int seed = 0; seed < seeds; seed++) {
            final long sd = seed;
            final int d = dims;
            final int n = trials;
            runs.add(pool.submit(() -> run(p, name, d, n, sd)));
          }
          double[] v = new double[seeds];
          for (int k = 0; k < seeds; k++) v[k] = runs.get(k).get();
          hv.put(name, v);
        }
        double best = p.optimalHypervolume(REFERENCE);
        double random = hv.containsKey("random") ? Stats.quantile(hv.get("random"), 0.5) : Double.NaN;
        for (var e : hv.entrySet()) {
          double med = Stats.quantile(e.getValue(), 0.5);
          // The gap to the true front's hypervolume tells samplers apart where the ratio, padded by the
          // box every point dominates, stays near 1.
          System.out.printf(Locale.ROOT, "%s %-7s %s  (%.1f %% of the true front's %.3f)  / random: %.3f  gap / random's gap: %.3f%n",
              p, e.getKey(), Stats.cell(e.getValue()), 100 * med / best, best, med / random, (best - med) / (best - random));
        }
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void usage(String message) {
    System.err.println("submit/pareto-benchmark: " + message);
    System.exit(2);
  }
}
