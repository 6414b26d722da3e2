package dev.sparktune.bench;

import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Sampler quality benchmark (plain Java, no Spark): every sampler on the shared black-box
 * functions, many seeds, one sequential study per (function, sampler, seed) read at each budget.
 * Prints median [Q1, Q3] regret next to Optuna 3.1's figures measured with the same protocol,
 * whether each sampler target (against Optuna's reference figures) is met, and the cost of a suggestion. Run by
 * {@code submit/sampler-benchmark}.
 */
public final class SamplerQuality {
  private SamplerQuality() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args;
    try {
      args = BenchArgs.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println("submit/sampler-benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<BenchFunction> functions = new ArrayList<>();
    for (BenchFunction f : BenchFunction.load(args.functions())) {
      f.check();
      if (args.only().isEmpty() || args.only().contains(f.name())) functions.add(f);
    }
    System.out.printf(Locale.ROOT, "checked every test point of %s%n", functions.stream().map(BenchFunction::name).toList());
    OptunaReference ref = OptunaReference.parse(args.reference());
    int maxBudget = Arrays.stream(args.budgets()).max().orElseThrow();
    Map<String, Map<String, double[][]>> regrets = new LinkedHashMap<>();
    ForkJoinPool pool = new ForkJoinPool(args.threads());
    for (BenchFunction f : functions) {
      Map<String, double[][]> bySampler = new LinkedHashMap<>();
      for (String s : args.samplers()) {
        long t0 = System.nanoTime();
        double[][] r = pool.submit(() -> IntStream.range(0, args.seeds()).parallel()
            .mapToObj(seed -> run(f, s, seed, maxBudget, args.budgets())).toArray(double[][]::new)).get();
        bySampler.put(s, r);
        System.err.printf(Locale.ROOT, "  %s / %s: %.1f s%n", f.name(), s, (System.nanoTime() - t0) / 1e9);
      }
      regrets.put(f.name(), bySampler);
      QualityReport.function(f, bySampler, args.budgets(), ref);
    }
    QualityReport.targets(functions, regrets, args.budgets(), ref);
    if (args.timing()) Timing.print(args.samplers());
  }

  /** Regret (best so far − f*) after each budget of one sequential study. */
  static double[] run(BenchFunction f, String samplerName, int seed, int trials, int[] budgets) {
    Sampler sampler = create(samplerName, seed, f.space(), trials);
    InMemoryTrialStore store = new InMemoryTrialStore();
    double best = Double.POSITIVE_INFINITY;
    double[] out = new double[budgets.length];
    for (int i = 0; i < trials; i++) {
      Assignment a = sampler.sample(f.space(), store, Rngs.forTrial(seed, i)).orElseThrow();
      double v = f.f().applyAsDouble(a);
      Trial t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), Outcome.completed(v), Instant.EPOCH);
      best = Math.min(best, v);
      for (int b = 0; b < budgets.length; b++) if (budgets[b] == i + 1) out[b] = best - f.optimum();
    }
    return out;
  }

  /** A registered sampler by name; {@code tpe-mv} is TPE with the multivariate option. */
  static Sampler create(String name, long seed, SearchSpace space, int plannedTrials) {
    Samplers.Options o = new Samplers.Options(seed, OptionalInt.of(5)).withPlannedTrials(plannedTrials, m -> {});
    if (name.equals("tpe-mv")) return Samplers.create("tpe", o.withTpe(TpeSettings.defaults().withMultivariate(true)), space);
    if (name.startsWith("tpe+")) {
      TpeSettings t = TpeSettings.defaults();
      for (String opt : name.substring(4).split("\\+")) {
        if (opt.equals("mv")) t = t.withMultivariate(true);
        else if (opt.equals("uv")) t = t.withMultivariate(false);
        else if (opt.startsWith("c")) t = new TpeSettings(t.startupTrials(), t.multivariate(), Integer.parseInt(opt.substring(1)), t.gamma(), t.maxGood(), t.priorWeight(), t.constantLiar());
        else if (opt.startsWith("g")) t = new TpeSettings(t.startupTrials(), t.multivariate(), t.eiCandidates(), Double.parseDouble(opt.substring(1)), t.maxGood(), t.priorWeight(), t.constantLiar());
        else if (opt.startsWith("p")) t = new TpeSettings(t.startupTrials(), t.multivariate(), t.eiCandidates(), t.gamma(), t.maxGood(), Double.parseDouble(opt.substring(1)), t.constantLiar());
        else if (opt.startsWith("s")) t = new TpeSettings(Integer.parseInt(opt.substring(1)), t.multivariate(), t.eiCandidates(), t.gamma(), t.maxGood(), t.priorWeight(), t.constantLiar());
      }
      return Samplers.create("tpe", o.withTpe(t), space);
    }
    return Samplers.create(name, o, space);
  }

  /** Cost of one suggestion, warmed up, on histories of 200 trials in 6 dimensions and 1,000 in 8. */
  static final class Timing {
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    private static final long WARMUP_CPU_NANOS = 3_000_000_000L;

    static void print(List<String> samplers) {
      System.out.println();
      System.out.println("## CPU time per suggestion (thread CPU time, median of 30 calls after 3 s of warm-up calls;"
          + " a history of random points on a quadratic)");
      System.out.println();
      System.out.println("| sampler | params | trials in history | ms per suggestion | target |");
      System.out.println("|---|---|---|---|---|");
      for (String s : samplers) {
        for (int[] dn : new int[][] {{6, 200}, {8, 1000}}) {
          if (s.startsWith("gp") && dn[1] > 200) continue;
          double ms = measure(s, dn[0], dn[1]);
          String target = s.equals("tpe") && dn[1] == 1000 ? (ms <= 1 ? "≤ 1 ms: met" : "≤ 1 ms: NOT met")
              : s.equals("gp") && dn[1] == 200 ? (ms <= 50 ? "≤ 50 ms: met" : "≤ 50 ms: NOT met") : "";
          System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %s |%n", s, dn[0], dn[1], ms, target);
        }
      }
    }

    static double measure(String samplerName, int dims, int n) {
      List<Param> params = new ArrayList<>();
      for (int j = 0; j < dims; j++) params.add(FloatParam.of("x" + j, 0, 1));
      SearchSpace space = new SearchSpace(params);
      InMemoryTrialStore store = new InMemoryTrialStore();
      java.util.SplittableRandom r = new java.util.SplittableRandom(1);
      for (int i = 0; i < n; i++) {
        double[] u = new double[dims];
        double v = 0;
        for (int j = 0; j < dims; j++) {
          u[j] = r.nextDouble();
          v += (u[j] - 0.3) * (u[j] - 0.3);
        }
        Trial t = store.create(space.cube().decode(u), Budget.full(), Instant.EPOCH);
        store.finish(t.number(), Outcome.completed(v), Instant.EPOCH);
      }
      Sampler s = create(samplerName, 1, space, n + 1);
      // Warm up for at least WARMUP_CPU_NANOS of CPU (and 10 calls): ten calls leave the hot loops
      // interpreted or at the JIT's first tier, which measured a cheap sampler 2-4x too slow.
      long warmStart = CPU.getCurrentThreadCpuTime();
      int call = 0;
      while (call < 10 || CPU.getCurrentThreadCpuTime() - warmStart < WARMUP_CPU_NANOS) {
        s.sample(space, store, Rngs.forTrial(1, n + call++));
      }
      double[] ms = new double[30];
      for (int i = 0; i < ms.length; i++) {
        // CPU time, not wall time: the machine is shared, and a busy neighbour must not count.
        long t0 = CPU.getCurrentThreadCpuTime();
        s.sample(space, store, Rngs.forTrial(1, n + call++));
        ms[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6;
      }
      return Stats.quantile(ms, 0.5);
    }
  }
}
