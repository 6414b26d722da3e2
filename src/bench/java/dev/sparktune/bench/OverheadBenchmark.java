package dev.sparktune.bench;

import dev.sparktune.engine.ResultsDir;
import dev.sparktune.engine.TrialsCsv;
import dev.sparktune.report.BestResult;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.study.FaultPolicy;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.study.StudyStatus;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * sparktune's own overhead, without Spark: a study of {@code --trials} configurations whose
 * objective only sleeps {@code --trial-ms} (no CPU), under what submit/tune uses by default and
 * for a schedule — the random sampler, ASHA (on a maxIter budget the objective ignores), the
 * journal on the local Hadoop FileSystem, and trials.csv through {@link TrialsCsv} — with
 * {@code --parallelism} trials in flight. Ideal wall time is the objective's measured time ÷
 * parallelism; everything above it is sparktune's. Also prints the loop thread's CPU per trial
 * for each tenth of the study (flat means no work grows with the trial count) and how long the
 * finished journal takes to replay.
 */
public final class OverheadBenchmark {
  record Options(int trials, int trialMs, int parallelism, Path dir) {}

  private OverheadBenchmark() {}

  static String usage() {
    return """
        Usage: submit/overhead-benchmark [--trials N] [--trial-ms MS] [--parallelism P] [--dir DIR]

        sparktune's own overhead per trial with an objective that only sleeps (no Spark):
        random sampler, ASHA over maxIter 1..81 (eta 3), the journal on the local
        FileSystem, trials.csv rewritten as submit/tune does. Ends with the line
        'overhead at N trials: P% over ideal', ideal = objective time / parallelism.

          --trials N        configurations (default 1000)
          --trial-ms MS     how long each evaluation sleeps (default 100)
          --parallelism P   evaluations in flight (default 16)
          --dir DIR         output directory, emptied first (default target/overhead-benchmark)
          --help, -h        this text

        Exit codes: 0 done; 1 the run failed; 2 bad usage.
        """;
  }

  static Options parse(String[] args) {
    int trials = 1000;
    int trialMs = 100;
    int parallelism = 16;
    Path dir = Path.of("target/overhead-benchmark");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) return null;
      if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value (see --help)");
      String v = args[++i];
      switch (a) {
        case "--trials" -> trials = positive(a, v);
        case "--trial-ms" -> trialMs = positive(a, v);
        case "--parallelism" -> parallelism = positive(a, v);
        case "--dir" -> dir = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
      }
    }
    return new Options(trials, trialMs, parallelism, dir);
  }

  private static int positive(String key, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(key + ": expected a positive integer, got '" + v + "'");
  }

  public static void main(String[] args) throws IOException {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("submit/overhead-benchmark: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (o == null) {
      System.out.print(usage());
      return;
    }
    System.exit(run(o, System.out));
  }

  static int run(Options o, java.io.PrintStream out) throws IOException {
    delete(o.dir());
    Configuration conf = new Configuration();
    ResultsDir results = new ResultsDir(o.dir().toAbsolutePath().toString(), conf);
    String journalDir = results.resolve("journal");
    JournalTrialStore store = JournalTrialStore.open(new Journal(new HadoopJournalBackend(journalDir, conf), 32, w -> { }));
    SearchSpace space = SearchSpace.of(FloatParam.log("regParam", 1e-4, 1.0), FloatParam.of("elasticNetParam", 0, 1));
    Asha asha = new Asha(new Ladder(Budget.param("maxIter", 81, 81), 1, 3), 1);
    Study study = new Study(space, new RandomSampler(), asha, Optional.empty(), Direction.MAXIMIZE, store, 7,
        Clock.systemUTC());
    AtomicLong objectiveNanos = new AtomicLong();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    TrialsCsv csv = new TrialsCsv(results, space, "areaUnderROC", 3, Map::of);
    // Loop-thread CPU at each tenth of the configurations: work that grows with the history shows as a rising row.
    long[] cpuAt = new long[11];
    int[] evaluationsAt = new int[11];
    long cpu0 = mx.getCurrentThreadCpuTime();
    StudyListener listener = new StudyListener() {
      int tenth = 1;

      @Override
      public void trialFinished(Trial t, StudyStatus st) {
        csv.afterTrial(study::trials);
        while (tenth < 10 && st.configurations() >= (long) o.trials() * tenth / 10) {
          cpuAt[tenth] = mx.getCurrentThreadCpuTime() - cpu0;
          evaluationsAt[tenth] = st.finished();
          tenth++;
        }
      }
    };
    out.printf(Locale.ROOT, "overhead benchmark: %d configurations, %d ms each, %d in flight, random sampler, "
        + "asha over %s, journal in %s%n", o.trials(), o.trialMs(), o.parallelism(),
        asha.ladder().budgets().stream().map(Budget::label).toList(), journalDir);
    long t0 = System.nanoTime();
    StudyResult r = study.optimize((a, ctx) -> sleep(o.trialMs(), a, ctx.budget(), objectiveNanos, ctx),
        List.of(new StopRule.MaxTrials(o.trials())), o::parallelism, FaultPolicy.NONE, listener);
    csv.write(r.trials());
    results.write("best.json", new BestResult("overhead", "areaUnderROC", Direction.MAXIMIZE, r, Optional.empty(),
        o.parallelism(), (System.nanoTime() - t0) / 1e9).toJson());
    double wall = (System.nanoTime() - t0) / 1e9;
    cpuAt[10] = mx.getCurrentThreadCpuTime() - cpu0;
    evaluationsAt[10] = r.trials().size();

    double ideal = objectiveNanos.get() / 1e9 / o.parallelism();
    out.printf(Locale.ROOT, "%d configurations, %d evaluations (%s)%n", o.trials(), r.trials().size(), r.stopReason());
    StringBuilder tenths = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      int n = evaluationsAt[i] - evaluationsAt[i - 1];
      tenths.append(String.format(Locale.ROOT, " %.2f", n == 0 ? 0 : (cpuAt[i] - cpuAt[i - 1]) / 1e6 / n));
    }
    out.println("loop thread CPU per evaluation by tenth of the study (ms):" + tenths);
    out.printf(Locale.ROOT, "loop thread CPU: %.2f s in all, %.3f ms per evaluation%n", cpuAt[10] / 1e9,
        cpuAt[10] / 1e6 / r.trials().size());

    long replay0 = System.nanoTime();
    JournalTrialStore replayed = JournalTrialStore.open(new Journal(new HadoopJournalBackend(journalDir, conf), 32, w -> { }));
    double replay = (System.nanoTime() - replay0) / 1e9;
    out.printf(Locale.ROOT, "journal replay: %d trials in %.3f s%n", replayed.trials().size(), replay);
    out.printf(Locale.ROOT, "wall %.2f s, ideal %.2f s (objective time %.1f s / %d)%n", wall, ideal,
        objectiveNanos.get() / 1e9, o.parallelism());
    out.printf(Locale.ROOT, "overhead at %d trials: %.1f%% over ideal%n", o.trials(), 100 * (wall / ideal - 1));
    return replayed.trials().size() == r.trials().size() ? 0 : 1;
  }

  /** The objective: sleeps, then scores the point by a smooth function of its params and budget. */
  private static Outcome sleep(int ms, Assignment a, Budget budget, AtomicLong total,
      dev.sparktune.objective.TrialContext ctx) throws InterruptedException {
    long start = System.nanoTime();
    Thread.sleep(ms);
    // Only the sleep is the objective's time: journaling the folds below is sparktune's work.
    total.addAndGet(System.nanoTime() - start);
    double reg = Math.log10((Double) a.get("regParam"));
    double en = (Double) a.get("elasticNetParam");
    double base = 0.95 - 0.01 * (reg + 2.5) * (reg + 2.5) - 0.02 * (en - 0.3) * (en - 0.3) - 0.05 / budget.amount();
    List<Double> folds = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      folds.add(base + 0.001 * (f - 1));
      ctx.foldLog().scored(f, folds.get(f));
    }
    return Outcome.Completed.ofFolds(folds, ms / 1000.0);
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
