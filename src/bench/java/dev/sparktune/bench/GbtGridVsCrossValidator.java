package dev.sparktune.bench;

import dev.sparktune.config.Settings;
import dev.sparktune.engine.SparkSessions;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.DataLoader;
import dev.sparktune.mllib.EstimatorCatalog;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.LearningTask;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.InMemoryTrialStore;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * A gradient-boosted trees grid with a maxIter axis (maxDepth × maxIter, k folds, areaUnderROC),
 * as CrossValidator users write it, run three ways in one process: MLlib's
 * {@code CrossValidator}, sparktune's grid with every point fitted on its own, and sparktune's
 * grid with GBT prefixes (each maxDepth's largest maxIter fitted once per fold, the smaller ones
 * scored from its first trees). The order of the three rotates from run to run, so each side runs
 * first, second and third equally often and drift on a shared machine cancels. Prints each run's
 * wall time, JVM CPU seconds, Spark jobs and best point, the medians, and the CPU ratios against
 * CrossValidator and against sparktune without prefixes; exits 1 unless all three sides agree on
 * every point's mean within the tolerance and on the best point.
 *
 * <p>As in {@link GridVsCrossValidator}, both tools see the same rows and folds (CrossValidator
 * gets {@link Folds#training()} with {@code foldCol}) and what is timed is CrossValidator's
 * {@code fit} (including its refit of the best point) against sparktune's fold caching, grid and
 * refit.
 */
public final class GbtGridVsCrossValidator {
  private static final String METRIC = "areaUnderROC";
  static final String CV = "CrossValidator";
  static final String PLAIN = "sparktune";
  static final String PREFIXES = "sparktune+prefix";

  /** Command-line options; see {@link #usage()}. */
  record Options(String data, int repeats, int warmups, int folds, long seed, List<Integer> maxDepths,
      List<Integer> maxIters, OptionalInt parallelism, int cvParallelism, double tolerance) {}

  /** A grid point. */
  record Point(int maxDepth, int maxIter) {
    @Override
    public String toString() {
      return "maxDepth=" + maxDepth + " maxIter=" + maxIter;
    }
  }

  /** One timed run of one side; {@code fits} and {@code prefixes} are sparktune's GBT fits and prefix-scored folds. */
  record Run(String side, String label, SlotMeter.Window window, Map<Point, Double> scores, Point best, double bestValue,
      int fits, int prefixes) {}

  private final SparkSession spark;
  private final Options o;
  private final PrintStream out;
  private final SlotMeter meter;
  private final int cores;

  private GbtGridVsCrossValidator(SparkSession spark, Options o, PrintStream out) {
    this.spark = spark;
    this.o = o;
    this.out = out;
    this.cores = SparkSessions.cores(spark);
    this.meter = SlotMeter.attach(spark.sparkContext(), cores);
  }

  public static void main(String[] args) {
    BenchMain.run("GbtGridVsCrossValidator", "sparktune benchmark: GBT grid with prefixes vs CrossValidator", args,
        GbtGridVsCrossValidator::parse, GbtGridVsCrossValidator::usage,
        (spark, o) -> new GbtGridVsCrossValidator(spark, o, System.out).run());
  }

  private static BuiltEstimator estimator() {
    return EstimatorCatalog.build(new Settings.Model("gbt-classifier", Map.of(), List.of()));
  }

  int run() {
    Settings.Data data = new Settings.Data(o.data(), "libsvm", "label", List.of(), 0.0, Settings.Data.Missing.DROP, 0,
        Map.of());
    Dataset<Row> source = DataLoader.load(spark, data).data().persist(StorageLevel.MEMORY_AND_DISK());
    long rows = source.count();
    Dataset<Row> cvInput;
    List<Long> foldSizes;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), 0.0, 0)) {
      cvInput = folds.training().persist(StorageLevel.MEMORY_AND_DISK());
      cvInput.count();
      foldSizes = folds.foldSizes();
    }
    int cvParallelism = o.cvParallelism() > 0 ? o.cvParallelism() : cores;
    List<Point> grid = new ArrayList<>();
    for (int d : o.maxDepths()) for (int n : o.maxIters()) grid.add(new Point(d, n));
    int top = o.maxIters().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int allTrees = o.maxIters().stream().mapToInt(Integer::intValue).sum();

    out.printf(Locale.ROOT, "sparktune benchmark: %d-point GBT grid (maxDepth %s x maxIter %s), GBTClassifier, "
        + "%d-fold CV, %s%n", grid.size(), o.maxDepths(), o.maxIters(), o.folds(), METRIC);
    out.printf(Locale.ROOT, "data: %s, %d rows, fold sizes %s; Spark %s, master %s, %d cores%n", o.data(), rows,
        foldSizes, spark.version(), spark.sparkContext().master(), cores);
    out.printf(Locale.ROOT, "trees per maxDepth and fold: %d fitting every point on its own (%s and %s), %d with "
        + "prefixes (%s)%n", allTrees, CV, PLAIN, top, PREFIXES);
    out.printf(Locale.ROOT, "%s: parallelism %d; %s and %s: grid sampler, trials in flight %s; timed: %s's fit "
        + "(with its refit of the best point), sparktune's fold caching, grid and refit%n", CV, cvParallelism, PLAIN,
        PREFIXES, o.parallelism().isPresent() ? String.valueOf(o.parallelism().getAsInt()) : "auto", CV);
    out.println("columns: jvm cpu = this whole JVM's CPU seconds (driver, JIT, GC and, in local mode, the tasks); "
        + "exec cpu = the tasks' CPU; load = 1-minute load average at the end; fits/prefix = sparktune's GBT fold "
        + "fits and folds scored from a prefix without a fit");
    out.printf(Locale.ROOT, "%n%-4s %-17s %7s %6s %8s %8s %5s %6s %11s  %s%n", "run", "side", "wall s", "slots",
        "exec cpu", "jvm cpu", "load", "jobs", "fits/prefix", "best " + METRIC);
    String[] sides = {CV, PLAIN, PREFIXES};
    for (int i = 0; i < o.warmups(); i++) {
      for (String side : sides) printRun(run(side, cvInput, source, grid, cvParallelism, "w" + (i + 1)));
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < o.repeats(); i++) {
      // Rotate the order (CV, plain, prefixes), (plain, prefixes, CV), ...: each side takes each place.
      for (int j = 0; j < sides.length; j++) {
        Run r = run(sides[(i + j) % sides.length], cvInput, source, grid, cvParallelism, String.valueOf(i + 1));
        runs.add(r);
        printRun(r);
      }
    }
    cvInput.unpersist(false);
    source.unpersist(false);
    return summarize(runs, grid);
  }

  private Run run(String side, Dataset<Row> cvInput, Dataset<Row> source, List<Point> grid, int cvParallelism,
      String label) {
    return side.equals(CV) ? runCrossValidator(cvInput, cvParallelism, label)
        : runSparktune(source, grid, side.equals(PREFIXES), label);
  }

  private Run runCrossValidator(Dataset<Row> input, int parallelism, String label) {
    // sparktune's own GBTClassifier (its defaults and columns), so both sides fit the same estimator.
    GBTClassifier gbt = (GBTClassifier) estimator().estimator().copy(new ParamMap());
    ParamMap[] maps = new ParamGridBuilder()
        .addGrid(gbt.maxDepth(), o.maxDepths().stream().mapToInt(Integer::intValue).toArray())
        .addGrid(gbt.maxIter(), o.maxIters().stream().mapToInt(Integer::intValue).toArray())
        .build();
    CrossValidator cv = new CrossValidator().setEstimator(gbt).setEstimatorParamMaps(maps)
        .setEvaluator(new BinaryClassificationEvaluator().setMetricName(METRIC))
        .setNumFolds(o.folds()).setFoldCol(Folds.FOLD).setParallelism(parallelism).setSeed(o.seed());
    meter.start();
    CrossValidatorModel model = cv.fit(input);
    SlotMeter.Window w = meter.stop();
    double[] avg = model.avgMetrics();
    Map<Point, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < maps.length; i++) {
      scores.put(new Point((Integer) maps[i].apply(gbt.maxDepth()), (Integer) maps[i].apply(gbt.maxIter())), avg[i]);
    }
    Map.Entry<Point, Double> best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    return new Run(CV, label, w, scores, best.getKey(), best.getValue(), 0, 0);
  }

  private Run runSparktune(Dataset<Row> source, List<Point> grid, boolean prefixes, String label) {
    SearchSpace space = SearchSpace.of(
        CategoricalParam.of("maxDepth", o.maxDepths().stream().map(Integer::longValue).toArray()),
        CategoricalParam.of("maxIter", o.maxIters().stream().map(Integer::longValue).toArray()));
    GridSampler sampler = new GridSampler(OptionalInt.empty());
    meter.start();
    StudyResult result;
    int[] counts;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), 0.0, 0)) {
      MllibObjective objective = new MllibObjective(spark, folds, estimator(), METRIC);
      if (prefixes) objective.sharingGbtPrefixes(sampler.points(space));
      int parallelism = o.parallelism().orElseGet(
          () -> SparkSessions.parallelismAuto(spark, folds.k(), folds.partitionsPerFold()));
      Study study = new Study(space, sampler, objective.direction(), new InMemoryTrialStore(), o.seed(),
          Clock.systemUTC());
      result = study.optimize(objective, List.of(), parallelism, StudyListener.NONE);
      if (result.best().isPresent()) objective.refit(result.best().get().assignment(), Optional.empty());
      counts = objective.gbtPrefixCounts();
    }
    SlotMeter.Window w = meter.stop();
    Map<Point, Double> scores = new LinkedHashMap<>();
    for (Trial t : result.trials()) {
      Point p = point(t);
      if (t.outcome().orElse(new Outcome.Failed("no outcome")) instanceof Outcome.Failed f) {
        throw new IllegalStateException("sparktune trial " + t.number() + " (" + p + ") failed: " + f.error());
      }
      scores.put(p, t.value().getAsDouble());
    }
    Trial best = result.best().orElseThrow(() -> new IllegalStateException("sparktune completed no trial"));
    return new Run(prefixes ? PREFIXES : PLAIN, label, w, scores, point(best), best.value().getAsDouble(), counts[0],
        counts[1]);
  }

  private static Point point(Trial t) {
    return new Point(((Number) t.assignment().get("maxDepth")).intValue(), ((Number) t.assignment().get("maxIter")).intValue());
  }

  private void printRun(Run r) {
    SlotMeter.Window w = r.window();
    out.printf(Locale.ROOT, "%-4s %-17s %7.2f %5.0f%% %8.2f %8.2f %5.1f %6d %11s  %.10f (%s)%n", r.label(), r.side(),
        w.wallSeconds(), 100 * w.utilization(), w.cpuSeconds(), w.processCpuSeconds(), w.loadAverage(), w.jobs(),
        r.side().equals(CV) ? "-" : r.fits() + "/" + r.prefixes(), r.bestValue(), r.best());
    out.flush();
  }

  private int summarize(List<Run> runs, List<Point> grid) {
    out.printf(Locale.ROOT, "%nmedians over %d runs each%n", o.repeats());
    out.printf(Locale.ROOT, "%-17s %7s %8s %8s %5s %6s%n", "side", "wall s", "exec cpu", "jvm cpu", "load", "jobs");
    Map<String, List<Run>> bySide = new LinkedHashMap<>();
    for (String side : List.of(CV, PLAIN, PREFIXES)) {
      List<Run> rs = runs.stream().filter(r -> r.side().equals(side)).toList();
      bySide.put(side, rs);
      out.printf(Locale.ROOT, "%-17s %7.2f %8.2f %8.2f %5.1f %6.0f%n", side, median(rs, w -> w.wallSeconds()),
          median(rs, w -> w.cpuSeconds()), median(rs, w -> w.processCpuSeconds()), median(rs, w -> w.loadAverage()),
          median(rs, w -> w.jobs()));
    }
    ratio(bySide.get(PREFIXES), bySide.get(CV), "sparktune / CrossValidator", "with prefixes");
    ratio(bySide.get(PLAIN), bySide.get(CV), "sparktune without prefixes / CrossValidator", "");
    ratio(bySide.get(PREFIXES), bySide.get(PLAIN), "prefixes / no prefixes", "sparktune");
    double load = median(runs, w -> w.loadAverage());
    int cpus = Runtime.getRuntime().availableProcessors();
    if (load > cpus) {
      out.printf(Locale.ROOT, "note: the load average (median %.1f) exceeded the %d CPUs: compare CPU seconds, not "
          + "wall time%n", load, cpus);
    }

    // Every point's mean and the best point, run by run, against CrossValidator's.
    boolean agree = true;
    double worst = 0;
    List<Run> cv = bySide.get(CV);
    for (String side : List.of(PLAIN, PREFIXES)) {
      List<Run> st = bySide.get(side);
      for (int i = 0; i < Math.min(cv.size(), st.size()); i++) {
        agree &= cv.get(i).best().equals(st.get(i).best());
        for (Point p : grid) {
          Double a = cv.get(i).scores().get(p);
          Double b = st.get(i).scores().get(p);
          if (a == null || b == null) {
            out.println("grid point " + p + " is missing from " + (a == null ? CV : side) + " run " + (i + 1));
            agree = false;
            continue;
          }
          worst = Math.max(worst, Math.abs(a - b));
        }
      }
    }
    agree &= worst <= o.tolerance();
    out.printf(Locale.ROOT, "best point %s: %s %.10f (%s)%n", agree ? "the SAME on every run of every side" : "or scores DIFFER",
        CV, cv.get(0).bestValue(), cv.get(0).best());
    out.printf(Locale.ROOT, "max |difference| of a point's mean from %s's: %.2e over %d points (tolerance %.0e)%n", CV,
        worst, grid.size(), o.tolerance());
    return agree ? 0 : 1;
  }

  /** Prints {@code cpu ratio WHAT: X} and the wall ratio, from medians, with the per-run ratios and the jobs. */
  private void ratio(List<Run> a, List<Run> b, String what, String note) {
    double cpu = median(a, w -> w.processCpuSeconds()) / median(b, w -> w.processCpuSeconds());
    double wall = median(a, w -> w.wallSeconds()) / median(b, w -> w.wallSeconds());
    StringBuilder perRun = new StringBuilder();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      perRun.append(String.format(Locale.ROOT, " %.3f",
          a.get(i).window().processCpuSeconds() / b.get(i).window().processCpuSeconds()));
    }
    out.printf(Locale.ROOT, "cpu ratio %s: %.3f (JVM CPU seconds, ratio of the medians%s; per run:%s; jobs %.0f / %.0f); "
        + "wall ratio %.3f%n", what, cpu, note.isEmpty() ? "" : ", " + note, perRun, median(a, w -> w.jobs()),
        median(b, w -> w.jobs()), wall);
  }

  private static double median(List<Run> runs, java.util.function.ToDoubleFunction<SlotMeter.Window> f) {
    return GridVsCrossValidator.median(runs.stream().mapToDouble(r -> f.applyAsDouble(r.window())).toArray());
  }

  static String usage() {
    return String.join("\n",
        "Usage: GbtGridVsCrossValidator [options]",
        "  --data PATH              libsvm file (default notebooks-data/spambase/spambase.libsvm)",
        "  --repeats N              timed runs of each side, in rotating order (default 3)",
        "  --warmup N               untimed full runs of each side first (default 1)",
        "  --no-warmup              the same as --warmup 0",
        "  --folds K                cross-validation folds (default 3)",
        "  --seed S                 fold assignment seed (default 42)",
        "  --max-depths A,B,..      GBT maxDepth values (default 3,5)",
        "  --max-iters A,B,..       GBT maxIter values (default 5,15,45)",
        "  --parallelism auto|N     sparktune trials in flight (default auto)",
        "  --cv-parallelism N       CrossValidator parallelism, 0 = cores (default 0)",
        "  --tolerance X            allowed difference of a point's mean between the sides (default 1e-9)",
        "") + "\n";
  }

  /** Parses the options; null means --help. */
  static Options parse(String[] args) {
    String data = "notebooks-data/spambase/spambase.libsvm";
    int repeats = 3;
    int warmups = 1;
    int folds = 3;
    long seed = 42;
    List<Integer> depths = List.of(3, 5);
    List<Integer> iters = List.of(5, 15, 45);
    OptionalInt parallelism = OptionalInt.empty();
    int cvParallelism = 0;
    double tolerance = 1e-9;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) return null;
      if (a.equals("--no-warmup")) {
        warmups = 0;
        continue;
      }
      if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value (--help for usage)");
      String v = args[++i];
      switch (a) {
        case "--data" -> data = v;
        case "--repeats" -> repeats = OptionValues.positive(a, v);
        case "--warmup" -> warmups = OptionValues.nonNegative(a, v);
        case "--folds" -> folds = OptionValues.positive(a, v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--max-depths" -> depths = ints(a, v);
        case "--max-iters" -> iters = ints(a, v);
        case "--parallelism" -> parallelism = v.equals("auto") ? OptionalInt.empty()
            : OptionalInt.of(OptionValues.positive(a, v));
        case "--cv-parallelism" -> cvParallelism = OptionValues.nonNegative(a, v);
        case "--tolerance" -> tolerance = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (--help for usage)");
      }
    }
    if (folds < 2) throw new IllegalArgumentException("--folds: expected an integer >= 2, got " + folds);
    return new Options(data, repeats, warmups, folds, seed, depths, iters, parallelism, cvParallelism, tolerance);
  }

  private static List<Integer> ints(String name, String v) {
    try {
      List<Integer> out = Arrays.stream(v.split(",")).map(String::strip).map(Integer::valueOf).distinct().toList();
      if (out.isEmpty() || out.stream().anyMatch(n -> n < 1)) throw new NumberFormatException();
      return out;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected comma-separated integers >= 1, got '" + v + "'");
    }
  }
}
