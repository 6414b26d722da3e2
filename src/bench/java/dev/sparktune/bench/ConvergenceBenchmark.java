package dev.sparktune.bench;

import dev.sparktune.sampler.Rngs;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Convergence;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * What {@code search.stop-when-converged} saves and loses (plain Java, no Spark): on each shared
 * benchmark function, k noisy "fold" scores per trial (f plus Gaussian noise of
 * {@code noise × (median f over random points − f*)}), one sequential study of {@code budget}
 * trials per seed, and the point where the rule would have stopped it. The rule does not change
 * what the sampler proposes, so replaying the study's prefixes gives exactly the stopped study.
 * Score lost = true f of the incumbent (best noisy mean) at the stop − true f of the incumbent
 * after the whole budget, compared with the incumbent's CV standard error at the stop.
 *
 * <p>Usage: {@code ConvergenceBenchmark [seeds] [budget] [sampler] [noise] [threads] [modes]}
 * (default 10 100 tpe 0.05 1 known+top+nb+b0.25+m8d, what the rule uses); a mode is
 * {@code known|fit} (noise taken from the folds or fitted), {@code +top|+all} (the better half or
 * every result), {@code +nb|+naive} (the corrected or the plain standard error), then optionally
 * {@code +b<scale>} (a factor on β) and {@code +m<n>d} (first check after n results per param).
 * {@code -Donly=branin,ackley5} runs some functions only.
 */
public final class ConvergenceBenchmark {
  private static final int FOLDS = 5;

  private ConvergenceBenchmark() {}

  record Run(int stoppedAt, double lost, double stdError, double regretAtBudget) {}

  public static void main(String[] a) throws Exception {
    int seeds = a.length > 0 ? Integer.parseInt(a[0]) : 10;
    int budget = a.length > 1 ? Integer.parseInt(a[1]) : 100;
    String samplerName = a.length > 2 ? a[2] : "tpe";
    double noise = a.length > 3 ? Double.parseDouble(a[3]) : 0.05;
    int threads = a.length > 4 ? Integer.parseInt(a[4]) : 1;
    List<String> modes = List.of((a.length > 5 ? a[5] : "known+top+nb+b0.25+m8d").split(","));
    String only = System.getProperty("only", "");
    List<BenchFunction> functions = BenchFunction.load(new File(BenchArgs.SHARED + "functions.json")).stream()
        .filter(f -> only.isEmpty() || List.of(only.split(",")).contains(f.name())).toList();
    System.out.printf(Locale.ROOT, "# stop-when-converged: %s sampler, budget %d, %d folds, fold noise %.3f x (median f - f*),"
        + " %d seeds%n%n", samplerName, budget, FOLDS, noise, seeds);
    System.out.println("| function | GP | trials run (median [Q1, Q3]) | saved (median) | lost / true std error σ/√k (median) | runs that lost > σ/√k | regret at budget (median) |");
    System.out.println("|---|---|---|---|---|---|---|");
    ForkJoinPool pool = new ForkJoinPool(threads);
    List<double[]> pooled = new ArrayList<>();
    for (String mode : modes) pooled.add(new double[0]);
    for (BenchFunction f : functions) {
      double scale = spread(f);
      for (int m = 0; m < modes.size(); m++) {
        Convergence.Mode mode = new Convergence.Mode(modes.get(m).startsWith("known"), modes.get(m).contains("top"),
            modes.get(m).contains("+nb"), modes.get(m).contains("+b") ? Double.parseDouble(modes.get(m).replaceAll(".*\\+b([0-9.]+).*", "$1")) : 1);
        int perDim = modes.get(m).contains("+m") ? Integer.parseInt(modes.get(m).replaceAll(".*\\+m(\\d+)d.*", "$1")) : 0;
        Run[] runs = pool.submit(() -> IntStream.range(0, seeds).parallel()
            .mapToObj(s -> run(f, samplerName, s, budget, noise * scale, mode, perDim)).toArray(Run[]::new)).get();
        double[] trials = Arrays.stream(runs).mapToDouble(Run::stoppedAt).toArray();
        double trueSe = noise * scale / Math.sqrt(FOLDS);
        double[] ratio = Arrays.stream(runs).mapToDouble(r -> r.lost() / trueSe).toArray();
        long early = Arrays.stream(ratio).filter(r -> r > 1).count();
        double[] sorted = trials.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f [%.0f, %.0f] | %.0f %% | %.2f | %d of %d | %.3g |%n", f.name(), modes.get(m),
            median(trials), sorted[seeds / 4], sorted[(3 * seeds) / 4], 100 * (1 - median(trials) / budget), median(ratio), early, seeds,
            median(Arrays.stream(runs).mapToDouble(Run::regretAtBudget).toArray()));
      }
    }
  }

  /** Median f over 1,000 random points minus the optimum: the function's typical spread. */
  static double spread(BenchFunction f) {
    SplittableRandom r = new SplittableRandom(99);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      double[] u = new double[f.space().dimensions()];
      for (int d = 0; d < u.length; d++) u[d] = r.nextDouble();
      v[i] = f.f().applyAsDouble(f.space().cube().decode(u));
    }
    return median(v) - f.optimum();
  }

  static Run run(BenchFunction f, String samplerName, int seed, int budget, double sigma, Convergence.Mode mode,
      int minPerDimension) {
    Sampler sampler = SamplerQuality.create(samplerName, seed, f.space(), budget);
    InMemoryTrialStore store = new InMemoryTrialStore();
    double[] truth = new double[budget];
    SplittableRandom noise = new SplittableRandom(1000 + seed);
    for (int i = 0; i < budget; i++) {
      Assignment a = sampler.sample(f.space(), store, Rngs.forTrial(seed, i)).orElseThrow();
      truth[i] = f.f().applyAsDouble(a);
      List<Double> folds = new ArrayList<>();
      for (int k = 0; k < FOLDS; k++) folds.add(truth[i] + sigma * gaussian(noise));
      Trial t = store.create(a, Budget.full(), Instant.EPOCH);
      store.finish(t.number(), Outcome.Completed.ofFolds(folds, 0), Instant.EPOCH);
    }
    List<Trial> all = store.trials();
    Trial atBudget = History.of(all).best(Direction.MINIMIZE).orElseThrow();
    int stop = budget;
    for (int n = Convergence.MIN_RESULTS; n < budget; n++) {
      History prefix = History.of(all.subList(0, n));
      Convergence c = new Convergence(f.space(), Direction.MINIMIZE, prefix, seed, Math.max(Convergence.MIN_RESULTS,
          minPerDimension * f.space().dimensions()), mode);
      if (Boolean.getBoolean("trace") && n % 10 == 0) System.err.println(f.name() + " " + mode + " seed " + seed + " n " + n + " " + c.estimate());
      if (c.check(null).isPresent()) {
        stop = n;
        break;
      }
    }
    Trial atStop = History.of(all.subList(0, stop)).best(Direction.MINIMIZE).orElseThrow();
    double se = Convergence.standardErrorOf(atStop).orElse(Double.NaN);
    return new Run(stop, truth[atStop.number()] - truth[atBudget.number()], se, truth[atBudget.number()] - f.optimum());
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
