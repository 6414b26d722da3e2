package dev.sparktune.bench;

import dev.sparktune.config.Settings;
import dev.sparktune.engine.SparkSessions;
import dev.sparktune.mllib.DataLoader;
import dev.sparktune.mllib.EstimatorCatalog;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.mllib.LearningTask;
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
import org.apache.spark.ml.classification.LogisticRegression;
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
 * Runs one grid (LogisticRegression regParam × elasticNetParam, k folds, areaUnderROC) with MLlib's
 * {@code CrossValidator} and with sparktune's grid sampler, in one process, alternating the two
 * (CV, ST, ST, CV, ...) so drift on a shared machine cancels, and prints each run's wall time,
 * best cross-validation score and slot utilization ({@link SlotMeter}), then the medians, the
 * wall-time ratio, the JVM CPU ratio (with the Spark jobs per side) and whether the best scores agree. Exits 1 if they do not.
 *
 * <p>Both sides see the same rows and the same fold of every row: {@link Folds} assigns folds by a
 * hash of the row, and CrossValidator gets {@link Folds#training()} with {@code foldCol}. What is
 * timed is what each side costs a user whose data is already loaded and cached:
 * CrossValidator's {@code fit} (it splits and caches each fold itself, and refits the best point
 * on all rows); for sparktune, assigning and caching the folds, the grid study and the refit of
 * the best point on all rows.
 */
public final class GridVsCrossValidator {
  private static final String METRIC = "areaUnderROC";
  private static final String CV = "CrossValidator";
  private static final String ST = "sparktune";
  /** The goal: sparktune's wall time at most this fraction of CrossValidator's. */
  private static final double TARGET_RATIO = 0.40;

  /** Command-line options; see {@link #usage()}. */
  record Options(String data, int repeats, int maxIter, int folds, long seed, OptionalInt parallelism,
      int partitions, int cvParallelism, int cvPartitions, int warmups, List<Double> regParams,
      List<Double> elasticNetParams, double tolerance, boolean warmGrid, Folds.Keeping keeping) {}

  /** A grid point, as (regParam, elasticNetParam). */
  record Point(double regParam, double elasticNetParam) {
    @Override
    public String toString() {
      return "regParam=" + fmt(regParam) + " elasticNetParam=" + fmt(elasticNetParam);
    }
  }

  /** One timed run of one side. */
  record Run(String side, String label, SlotMeter.Window window, Map<Point, Double> scores, Point best,
      double bestValue, String setting, long peakStorage, long baselineStorage) {
    /** Storage memory held at the run's peak above what was cached when it started (the input), in MB. */
    double peakMb() {
      return (peakStorage - baselineStorage) / 1048576.0;
    }
  }

  private final SparkSession spark;
  private final Options o;
  private final PrintStream out;
  private final SlotMeter meter;
  private final StoragePeak storage;
  private final int cores;

  private GridVsCrossValidator(SparkSession spark, Options o, PrintStream out) {
    this.spark = spark;
    this.o = o;
    this.out = out;
    this.cores = SparkSessions.cores(spark);
    this.meter = SlotMeter.attach(spark.sparkContext(), cores);
    this.storage = new StoragePeak(spark.sparkContext());
  }

  public static void main(String[] args) {
    BenchMain.run("GridVsCrossValidator", "sparktune benchmark: grid vs CrossValidator", args,
        GridVsCrossValidator::parse, GridVsCrossValidator::usage,
        (spark, o) -> new GridVsCrossValidator(spark, o, System.out).run());
  }

  int run() {
    Settings.Data data = new Settings.Data(o.data(), "libsvm", "label", List.of(), 0.0, Settings.Data.Missing.DROP, 0,
        Map.of());
    // The user's side of the bargain, for both: the data is loaded and cached before tuning starts.
    Dataset<Row> source = DataLoader.load(spark, data).data().persist(StorageLevel.MEMORY_AND_DISK());
    long rows = source.count();
    Dataset<Row> cvInput;
    List<Long> foldSizes;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), 0.0, o.partitions())) {
      cvInput = o.cvPartitions() > 0 ? folds.training().repartition(o.cvPartitions()) : folds.training();
      cvInput = cvInput.persist(StorageLevel.MEMORY_AND_DISK());
      cvInput.count();
      foldSizes = folds.foldSizes();
    }
    int cvParallelism = o.cvParallelism() > 0 ? o.cvParallelism() : cores;
    List<Point> grid = grid(o.regParams(), o.elasticNetParams());

    out.printf(Locale.ROOT, "sparktune benchmark: %d-point grid (regParam %s x elasticNetParam %s), "
        + "LogisticRegression maxIter=%d, %d-fold CV, %s%n", grid.size(), list(o.regParams()),
        list(o.elasticNetParams()), o.maxIter(), o.folds(), METRIC);
    out.printf(Locale.ROOT, "data: %s, %d rows, fold sizes %s; Spark %s, master %s, %d cores%n", o.data(), rows,
        foldSizes, spark.version(), spark.sparkContext().master(), cores);
    out.printf(Locale.ROOT, "%s: parallelism %d, input cached in %d partition(s); inside fit() it splits and "
        + "caches every fold itself and refits the best point on all rows%n", CV, cvParallelism,
        cvInput.rdd().getNumPartitions());
    out.printf(Locale.ROOT, "%s: grid sampler%s, trials in flight %s, partitions per fold %s; timed: assign and "
        + "cache folds, grid, refit of the best point on all rows%n", ST,
        o.warmGrid() ? " warm-started (each fit starts from its nearest finished neighbour's model)" : "",
        o.parallelism().isPresent() ? String.valueOf(o.parallelism().getAsInt()) : "auto",
        o.partitions() > 0 ? String.valueOf(o.partitions()) : "auto");

    out.println("columns: slots = task s / (wall s x cores); task s = time tasks held a slot, of which deser s "
        + "deserializing their closure and lineage; exec cpu = the tasks' CPU; jvm cpu = this whole JVM (driver, JIT, "
        + "GC and, in local mode, the tasks); jit s = JIT compile time; load = 1-minute load average at the end; "
        + "cache MB = peak memory of cached datasets (Spark's status store) above what was cached when the run started");
    out.printf(Locale.ROOT, "%n%-4s %-14s %7s %6s %7s %7s %8s %8s %6s %5s %5s %8s  %-10s %s%n", "run", "side", "wall s",
        "slots", "task s", "deser s", "exec cpu", "jvm cpu", "jit s", "load", "jobs", "cache MB", "setting",
        "best " + METRIC);
    // Untimed full runs first: the JVM keeps compiling Spark's code for minutes, and that cost would
    // otherwise land on whichever side runs first (the jit column shows it fading).
    for (int i = 0; i < o.warmups(); i++) {
      printRun(runCrossValidator(cvInput, grid, cvParallelism, "w" + (i + 1)));
      printRun(runSparktune(source, grid, "w" + (i + 1)));
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < o.repeats(); i++) {
      // CV, ST, ST, CV, CV, ST, ...: each side runs first as often as second, so drift cancels.
      boolean cvFirst = i % 2 == 0;
      for (int j = 0; j < 2; j++) {
        Run r = (j == 0) == cvFirst ? runCrossValidator(cvInput, grid, cvParallelism, String.valueOf(i + 1))
            : runSparktune(source, grid, String.valueOf(i + 1));
        runs.add(r);
        printRun(r);
      }
    }
    cvInput.unpersist(false);
    source.unpersist(false);
    return summarize(runs, grid);
  }

  private Run runCrossValidator(Dataset<Row> input, List<Point> grid, int parallelism, String label) {
    LogisticRegression lr = new LogisticRegression().setMaxIter(o.maxIter());
    ParamMap[] maps = new ParamGridBuilder()
        .addGrid(lr.regParam(), grid.stream().mapToDouble(Point::regParam).distinct().toArray())
        .addGrid(lr.elasticNetParam(), grid.stream().mapToDouble(Point::elasticNetParam).distinct().toArray())
        .build();
    CrossValidator cv = new CrossValidator().setEstimator(lr).setEstimatorParamMaps(maps)
        .setEvaluator(new BinaryClassificationEvaluator().setMetricName(METRIC))
        .setNumFolds(o.folds()).setFoldCol(Folds.FOLD).setParallelism(parallelism).setSeed(o.seed());
    meter.start();
    storage.start();
    CrossValidatorModel model = cv.fit(input);
    long[] peak = storage.stop();
    SlotMeter.Window w = meter.stop();
    double[] avg = model.avgMetrics();
    Map<Point, Double> scores = new LinkedHashMap<>();
    for (int i = 0; i < maps.length; i++) {
      scores.put(new Point((Double) maps[i].apply(lr.regParam()), (Double) maps[i].apply(lr.elasticNetParam())),
          avg[i]);
    }
    Map.Entry<Point, Double> best = scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    return new Run(CV, label, w, scores, best.getKey(), best.getValue(), "par " + parallelism, peak[0], peak[1]);
  }

  private Run runSparktune(Dataset<Row> source, List<Point> grid, String label) {
    SearchSpace space = SearchSpace.of(
        CategoricalParam.of("regParam", grid.stream().map(Point::regParam).distinct().toArray()),
        CategoricalParam.of("elasticNetParam", grid.stream().map(Point::elasticNetParam).distinct().toArray()));
    Settings.Model model = new Settings.Model("logistic-regression", Map.of("maxIter", (long) o.maxIter()), List.of());
    meter.start();
    storage.start();
    StudyResult result;
    String setting;
    try (Folds folds = Folds.create(source, LearningTask.CLASSIFICATION, o.folds(), o.seed(), 0.0, o.partitions(),
        StorageLevel.MEMORY_AND_DISK(), o.keeping())) {
      MllibObjective objective = new MllibObjective(spark, folds, EstimatorCatalog.build(model), METRIC);
      if (o.warmGrid()) objective.warmStartingGrid();
      int parallelism = o.parallelism().orElseGet(
          () -> SparkSessions.parallelismAuto(spark, folds.k(), folds.partitionsPerFold()));
      setting = "par " + parallelism + " p" + folds.partitionsPerFold() + (o.warmGrid() ? " warm" : "")
          + (o.keeping() == Folds.Keeping.CACHED ? " cached" : "");
      Study study = new Study(space, new GridSampler(OptionalInt.empty()), objective.direction(),
          new InMemoryTrialStore(), o.seed(), Clock.systemUTC());
      result = study.optimize(objective, List.of(), parallelism, StudyListener.NONE);
      if (result.best().isPresent()) objective.refit(result.best().get().assignment(), Optional.empty());
    }
    long[] peak = storage.stop();
    SlotMeter.Window w = meter.stop();
    Map<Point, Double> scores = new LinkedHashMap<>();
    for (Trial t : result.trials()) {
      Point p = new Point(((Number) t.assignment().get("regParam")).doubleValue(),
          ((Number) t.assignment().get("elasticNetParam")).doubleValue());
      Outcome outcome = t.outcome().orElse(new Outcome.Failed("no outcome"));
      if (outcome instanceof Outcome.Failed f) {
        throw new IllegalStateException("sparktune trial " + t.number() + " (" + p + ") failed: " + f.error());
      }
      scores.put(p, t.value().getAsDouble());
    }
    Trial best = result.best().orElseThrow(() -> new IllegalStateException("sparktune completed no trial"));
    Point bp = new Point(((Number) best.assignment().get("regParam")).doubleValue(),
        ((Number) best.assignment().get("elasticNetParam")).doubleValue());
    return new Run(ST, label, w, scores, bp, best.value().getAsDouble(), setting, peak[0], peak[1]);
  }

  private void printRun(Run r) {
    SlotMeter.Window w = r.window();
    out.printf(Locale.ROOT, "%-4s %-14s %7.2f %5.0f%% %7.2f %7.2f %8.2f %8.2f %6.1f %5.1f %5d %8.1f  %-10s %.10f%n",
        r.label(), r.side(), w.wallSeconds(), 100 * w.utilization(), w.taskSeconds(), w.deserializeSeconds(),
        w.cpuSeconds(), w.processCpuSeconds(), w.jitSeconds(), w.loadAverage(), w.jobs(), r.peakMb(), r.setting(),
        r.bestValue());
    out.flush();
  }

  private int summarize(List<Run> runs, List<Point> grid) {
    List<Run> cv = runs.stream().filter(r -> r.side().equals(CV)).toList();
    List<Run> st = runs.stream().filter(r -> r.side().equals(ST)).toList();
    out.printf(Locale.ROOT, "%nmedians over %d runs each%n", o.repeats());
    out.printf(Locale.ROOT, "%-19s %7s %6s %7s %7s %8s %8s %6s %5s %5s%n", "side", "wall s", "slots", "task s",
        "deser s", "exec cpu", "jvm cpu", "jit s", "load", "jobs");
    double cvWall = medianLine(cv);
    double stWall = medianLine(st);
    double ratio = stWall / cvWall;
    double[] pairRatios = new double[Math.min(cv.size(), st.size())];
    for (int i = 0; i < pairRatios.length; i++) {
      pairRatios[i] = st.get(i).window().wallSeconds() / cv.get(i).window().wallSeconds();
    }
    StringBuilder perRun = new StringBuilder();
    for (double r : pairRatios) perRun.append(String.format(Locale.ROOT, " %.3f", r));
    out.printf(Locale.ROOT, "wall ratio sparktune / CrossValidator: %.3f (ratio of the medians; per run:%s; "
        + "target <= %.2f: %s)%n", ratio, perRun, TARGET_RATIO, ratio <= TARGET_RATIO ? "met" : "NOT met");
    // JVM CPU seconds rather than wall: they hold on a busy machine, where wall time mostly measures the neighbours.
    double cpuRatio = median(st.stream().mapToDouble(r -> r.window().processCpuSeconds()).toArray())
        / median(cv.stream().mapToDouble(r -> r.window().processCpuSeconds()).toArray());
    StringBuilder cpuPerRun = new StringBuilder();
    for (int i = 0; i < pairRatios.length; i++) {
      cpuPerRun.append(String.format(Locale.ROOT, " %.3f",
          st.get(i).window().processCpuSeconds() / cv.get(i).window().processCpuSeconds()));
    }
    out.printf(Locale.ROOT, "cpu ratio sparktune / CrossValidator: %.3f (JVM CPU seconds, ratio of the medians; "
        + "per run:%s; jobs %.0f / %.0f)%n", cpuRatio, cpuPerRun,
        median(st.stream().mapToDouble(r -> r.window().jobs()).toArray()),
        median(cv.stream().mapToDouble(r -> r.window().jobs()).toArray()));
    double stPeak = median(st.stream().mapToDouble(Run::peakMb).toArray());
    double cvPeak = median(cv.stream().mapToDouble(Run::peakMb).toArray());
    out.printf(Locale.ROOT, "peak cached memory sparktune / CrossValidator: %.1f MB / %.1f MB = %.2f (cached datasets "
        + "in Spark's status store, above the cached input, medians; input cached at %.1f MB)%n", stPeak, cvPeak, stPeak / cvPeak,
        st.get(0).baselineStorage() / 1048576.0);
    double load = median(runs.stream().mapToDouble(r -> r.window().loadAverage()).toArray());
    int cpus = Runtime.getRuntime().availableProcessors();
    if (load > cpus) {
      // The load average counts this JVM's own runnable threads too, so it says the CPUs were
      // saturated, not by whom; the jvm cpu column tells how much of it was this process.
      out.printf(Locale.ROOT, "note: the load average (median %.1f) exceeded the %d CPUs: the CPUs were saturated "
          + "(compare jvm cpu with wall s x %d to see how much of it was this JVM)%n", load, cpus, cpus);
    }

    // Equal best scores, run by run, and every grid point's mean for the record.
    boolean agree = true;
    double worstBest = 0;
    double worstPoint = 0;
    for (int i = 0; i < pairRatios.length; i++) {
      double d = Math.abs(cv.get(i).bestValue() - st.get(i).bestValue());
      worstBest = Math.max(worstBest, d);
      for (Point p : grid) {
        Double a = cv.get(i).scores().get(p);
        Double b = st.get(i).scores().get(p);
        if (a == null || b == null) {
          out.println("grid point " + p + " is missing from " + (a == null ? CV : ST) + " run " + (i + 1));
          agree = false;
          continue;
        }
        worstPoint = Math.max(worstPoint, Math.abs(a - b));
      }
    }
    agree &= worstBest <= o.tolerance();
    boolean samePoint = true;
    for (int i = 0; i < pairRatios.length; i++) samePoint &= cv.get(i).best().equals(st.get(i).best());
    out.printf(Locale.ROOT, "best point %s on every run%n", samePoint ? "the SAME" : "DIFFERENT");
    agree &= samePoint;
    out.printf(Locale.ROOT, "best CV %s: %s %.10f (%s), %s %.10f (%s)%n", METRIC, CV, cv.get(0).bestValue(),
        cv.get(0).best(), ST, st.get(0).bestValue(), st.get(0).best());
    out.printf(Locale.ROOT, "best scores %s: max |difference| %.2e over %d runs (tolerance %.0e); "
        + "max |difference| of the mean over all %d points %.2e%n", agree ? "EQUAL" : "DIFFER", worstBest,
        pairRatios.length, o.tolerance(), grid.size(), worstPoint);
    return agree ? 0 : 1;
  }

  private double medianLine(List<Run> runs) {
    double wall = median(runs.stream().mapToDouble(r -> r.window().wallSeconds()).toArray());
    out.printf(Locale.ROOT, "%-19s %7.2f %5.0f%% %7.2f %7.2f %8.2f %8.2f %6.1f %5.1f %5.0f%n", runs.get(0).side(),
        wall, 100 * median(runs.stream().mapToDouble(r -> r.window().utilization()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().taskSeconds()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().deserializeSeconds()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().cpuSeconds()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().processCpuSeconds()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().jitSeconds()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().loadAverage()).toArray()),
        median(runs.stream().mapToDouble(r -> r.window().jobs()).toArray()));
    return wall;
  }

  static double median(double[] values) {
    if (values.length == 0) return Double.NaN;
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  static List<Point> grid(List<Double> regParams, List<Double> elasticNetParams) {
    List<Point> g = new ArrayList<>();
    for (double r : regParams) for (double e : elasticNetParams) g.add(new Point(r, e));
    return g;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e6 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
  }

  private static String list(List<Double> values) {
    return values.stream().map(GridVsCrossValidator::fmt).toList().toString().replace(" ", "");
  }

  static String usage() {
    return String.join("\n",
        "Usage: GridVsCrossValidator [options]",
        "  --data PATH              libsvm file (default notebooks-data/a9a/a9a.libsvm.gz)",
        "  --repeats N              timed runs of each side, alternating (default 3)",
        "  --max-iter N             LogisticRegression maxIter (default 100)",
        "  --folds K                cross-validation folds (default 3)",
        "  --seed S                 fold assignment seed (default 42)",
        "  --reg-params A,B,..      regParam values (default 0.001,0.01,0.1,1.0)",
        "  --elastic-net-params ..  elasticNetParam values (default 0.0,0.5,1.0)",
        "  --parallelism auto|N     sparktune trials in flight (default auto)",
        "  --partitions N           sparktune partitions per fold, 0 = auto (default 0)",
        "  --cv-parallelism N       CrossValidator parallelism, 0 = cores (default 0)",
        "  --cv-partitions N        repartition CrossValidator's cached input, 0 = as read (default 0)",
        "  --warmup N               untimed full runs of each side first (default 1)",
        "  --no-warmup              the same as --warmup 0",
        "  --tolerance X            allowed difference of the best scores (default 1e-6; 1e-4 with --warm-grid)",
        "  --warm-grid              sparktune starts each fit from its nearest finished neighbour's model",
        "                           (a warm-started regularization path); scores move by the optimizer's tolerance",
        "  --cached-folds           keep sparktune's fold sets as cached plans with their lineage (as before), not local",
        "                           checkpoints (the default in local mode, see Folds.Keeping)",
        "") + "\n";
  }

  /** Parses the options; null means --help. */
  static Options parse(String[] args) {
    String data = "notebooks-data/a9a/a9a.libsvm.gz";
    int repeats = 3;
    int maxIter = 100;
    int folds = 3;
    long seed = 42;
    OptionalInt parallelism = OptionalInt.empty();
    int partitions = 0;
    int cvParallelism = 0;
    int cvPartitions = 0;
    int warmups = 1;
    List<Double> reg = List.of(0.001, 0.01, 0.1, 1.0);
    List<Double> en = List.of(0.0, 0.5, 1.0);
    Double tolerance = null;
    boolean warmGrid = false;
    Folds.Keeping keeping = Folds.Keeping.AUTO;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) return null;
      if (a.equals("--warm-grid")) {
        warmGrid = true;
        continue;
      }
      if (a.equals("--cached-folds")) {
        keeping = Folds.Keeping.CACHED;
        continue;
      }
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
        case "--max-iter" -> maxIter = OptionValues.positive(a, v);
        case "--folds" -> folds = OptionValues.positive(a, v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--reg-params" -> reg = doubles(a, v);
        case "--elastic-net-params" -> en = doubles(a, v);
        case "--parallelism" -> parallelism = v.equals("auto") ? OptionalInt.empty() : OptionalInt.of(OptionValues.positive(a, v));
        case "--partitions" -> partitions = OptionValues.nonNegative(a, v);
        case "--cv-parallelism" -> cvParallelism = OptionValues.nonNegative(a, v);
        case "--cv-partitions" -> cvPartitions = OptionValues.nonNegative(a, v);
        case "--tolerance" -> tolerance = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown option " + a + " (--help for usage)");
      }
    }
    if (folds < 2) throw new IllegalArgumentException("--folds: expected an integer >= 2, got " + folds);
    return new Options(data, repeats, maxIter, folds, seed, parallelism, partitions, cvParallelism, cvPartitions,
        warmups, reg, en, tolerance != null ? tolerance : warmGrid ? 1e-4 : 1e-6, warmGrid,
        keeping);
  }

  private static List<Double> doubles(String name, String v) {
    try {
      List<Double> out = Arrays.stream(v.split(",")).map(String::strip).map(Double::valueOf).distinct().toList();
      if (out.isEmpty()) throw new NumberFormatException();
      return out;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected comma-separated numbers, got '" + v + "'");
    }
  }
}
