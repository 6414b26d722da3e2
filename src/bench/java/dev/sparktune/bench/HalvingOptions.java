package dev.sparktune.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Command-line options of {@link HalvingBenchmark}; {@link #usage()} documents them.
 *
 * @param grid param name → the values of the grid, in order (whole numbers as Long, others as
 *     Double), the same values CrossValidator's grid and sparktune's categorical space use
 * @param brackets asha's brackets (1 = plain ASHA; b also starts new configurations at rungs 1 … b-1)
 * @param trials configurations for asha and successive-halving; 0 = the grid's size
 * @param hyperbandTrials configurations for hyperband; 0 = one Hyperband iteration
 * @param probe only time one fit of the cheapest and the dearest grid point, then exit
 * @param budgetParam "" for data-fraction budgets; else the grid's integer param (numTrees,
 *     maxIter) that becomes the schedules' budget: CrossValidator searches it as a grid axis,
 *     the schedules search the other axes and grow this one rung by rung up to its largest value
 * @param continuePromoted promote a trial by continuing what its rung below fitted: with a
 *     numTrees budget a forest gets the missing trees ({@code schedule.budget.grow-forests}), with
 *     a maxIter budget a logistic regression or perceptron continues its fit
 *     ({@code schedule.budget.continue-fits}); both sparktune's defaults; false refits, as
 *     CrossValidator would
 * @param vsRefitting run every schedule both ways, continuing and refitting, and print the JVM CPU
 *     ratio of the two
 * @param repeats with {@code vsRefitting}, how many times each pair runs (the ratio is of medians)
 */
record HalvingOptions(String data, String estimator, Map<String, List<Object>> grid, String metric, int folds,
    long seed, long samplerSeed, double testFraction, List<String> schedules, double minFraction, int eta, int brackets,
    int trials, int hyperbandTrials, OptionalInt parallelism, int cvParallelism, double tolerance, boolean probe,
    boolean warmup, int syntheticRows, String budgetParam, boolean continuePromoted, boolean vsRefitting,
    int repeats) {

  static final String DEFAULT_GRID = "maxDepth=4,8,12 subsamplingRate=0.5,0.75,1.0 numTrees=10,30,60";
  /** A 2×2×2 grid of cheap points: checks the whole benchmark end to end in a few minutes. */
  static final String SMALL_GRID = "maxDepth=4,8 subsamplingRate=0.5,1.0 numTrees=5,10";
  static final List<String> ALL_SCHEDULES = List.of("successive-halving", "asha", "hyperband");

  static String usage() {
    return String.join("\n",
        "Usage: HalvingBenchmark [options]",
        "  --data PATH              libsvm file (default notebooks-data/w8a/w8a.libsvm.gz)",
        "  --synthetic ROWS         instead of --data: a synthetic set of ROWS rows and 20 dense features",
        "                           (interactions and noise; written once under target/synthetic/)",
        "  --estimator NAME         sparktune short name (default random-forest-classifier)",
        "  --grid 'p=a,b,c q=..'    the grid, space-separated params (default '" + DEFAULT_GRID + "')",
        "  --grid-small             the grid '" + SMALL_GRID + "' (a smoke run)",
        "  --metric NAME            evaluator metric (default areaUnderROC)",
        "  --folds K                cross-validation folds (default 3)",
        "  --seed S                 fold and subset seed (default 42)",
        "  --sampler-seed S         seed of the schedules' random order of the points (default: --seed)",
        "  --test-fraction F        rows held out for the test score (default 0.2)",
        "  --schedules a,b,..       of " + String.join(",", ALL_SCHEDULES) + " (default all)",
        "  --min-fraction F         smallest budget as a fraction of the largest, e.g. 1/9 (default 1/9)",
        "  --budget-param NAME      budget the schedules by this integer grid param (numTrees, maxIter)",
        "                           instead of the data fraction: it grows rung by rung to its largest",
        "                           grid value, and the schedules search the other params",
        "  --no-grow-forests        refit a promoted trial instead of continuing it: a forest on numTrees",
        "                           (schedule.budget.grow-forests = false), a logistic regression or",
        "                           perceptron on maxIter (schedule.budget.continue-fits = false)",
        "  --vs-refitting           run every schedule continuing and refitting promoted trials, alternating,",
        "                           and print 'cpu ratio continued / refitting (<schedule>): X'",
        "  --repeats N              with --vs-refitting, runs of each way (default 1; the ratio is of medians)",
        "  --eta N                  reduction factor (default 3)",
        "  --brackets N             asha's brackets: 2 also starts configurations one rung up (default 1)",
        "  --trials N               configurations for asha and successive-halving, 0 = grid size (default 0)",
        "  --hyperband-trials N     configurations for hyperband, 0 = one iteration (default 0)",
        "  --parallelism auto|N     sparktune trials in flight (default auto)",
        "  --cv-parallelism N       CrossValidator parallelism, 0 = cores (default 0)",
        "  --tolerance X            a schedule matches CV when its best is >= CV's best - X (default 0.002)",
        "  --no-warmup              skip the untimed warm-up fits",
        "  --probe                  only time one fit of the cheapest and the dearest grid point",
        "") + "\n";
  }

  /** Parses the options; null means --help. */
  static HalvingOptions parse(String[] args) {
    String data = "notebooks-data/w8a/w8a.libsvm.gz";
    String estimator = "random-forest-classifier";
    String grid = DEFAULT_GRID;
    String metric = "areaUnderROC";
    int folds = 3;
    long seed = 42;
    Long samplerSeed = null;
    double testFraction = 0.2;
    List<String> schedules = ALL_SCHEDULES;
    double minFraction = 1.0 / 9;
    int eta = 3;
    int brackets = 1;
    int trials = 0;
    int hyperbandTrials = 0;
    OptionalInt parallelism = OptionalInt.empty();
    int cvParallelism = 0;
    double tolerance = 0.002;
    boolean probe = false;
    boolean warmup = true;
    int syntheticRows = 0;
    String budgetParam = "";
    boolean growForests = true;
    boolean vsRefitting = false;
    int repeats = 1;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--help", "-h" -> {
          return null;
        }
        case "--grid-small" -> grid = SMALL_GRID;
        case "--probe" -> probe = true;
        case "--no-warmup" -> warmup = false;
        case "--no-grow-forests" -> growForests = false;
        case "--vs-refitting" -> vsRefitting = true;
        default -> {
          if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value (--help for usage)");
          String v = args[++i];
          switch (a) {
            case "--data" -> data = v;
            case "--synthetic" -> syntheticRows = atLeast(a, v, 1000);
            case "--estimator" -> estimator = v;
            case "--grid" -> grid = v;
            case "--metric" -> metric = v;
            case "--folds" -> folds = atLeast(a, v, 2);
            case "--seed" -> seed = integer(a, v);
            case "--sampler-seed" -> samplerSeed = integer(a, v);
            case "--test-fraction" -> testFraction = number(a, v);
            case "--schedules" -> schedules = schedules(v);
            case "--min-fraction" -> minFraction = number(a, v);
            case "--eta" -> eta = atLeast(a, v, 2);
            case "--brackets" -> brackets = atLeast(a, v, 1);
            case "--trials" -> trials = atLeast(a, v, 0);
            case "--hyperband-trials" -> hyperbandTrials = atLeast(a, v, 0);
            case "--parallelism" ->
                parallelism = v.equals("auto") ? OptionalInt.empty() : OptionalInt.of(atLeast(a, v, 1));
            case "--cv-parallelism" -> cvParallelism = atLeast(a, v, 0);
            case "--tolerance" -> tolerance = number(a, v);
            case "--budget-param" -> budgetParam = v.strip();
            case "--repeats" -> repeats = atLeast(a, v, 1);
            default -> throw new IllegalArgumentException("unknown option " + a + " (--help for usage)");
          }
        }
      }
    }
    if (!(minFraction > 0 && minFraction < 1)) {
      throw new IllegalArgumentException("--min-fraction: expected a number in (0, 1), got " + minFraction);
    }
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("--test-fraction: expected a number in (0, 1), got " + testFraction);
    }
    Map<String, List<Object>> points = grid(grid);
    if (!budgetParam.isEmpty()) checkBudgetParam(budgetParam, points);
    return new HalvingOptions(data, estimator, points, metric, folds, seed,
        samplerSeed == null ? seed : samplerSeed, testFraction, schedules, minFraction,
        eta, brackets, trials, hyperbandTrials, parallelism, cvParallelism, tolerance, probe, warmup, syntheticRows,
        budgetParam, growForests, vsRefitting, repeats);
  }

  private static void checkBudgetParam(String name, Map<String, List<Object>> grid) {
    List<Object> values = grid.get(name);
    if (values == null) {
      throw new IllegalArgumentException("--budget-param: expected one of the grid's params " + grid.keySet()
          + ", got '" + name + "'");
    }
    if (!values.stream().allMatch(v -> v instanceof Long l && l >= 1)) {
      throw new IllegalArgumentException("--budget-param: " + name + " must have whole values >= 1 in --grid, got "
          + values);
    }
  }

  /** Number of grid points (CrossValidator's): the product of the value counts. */
  int gridSize() {
    return size(grid);
  }

  /** The grid the schedules search: every axis but the budget param's. */
  Map<String, List<Object>> searchGrid() {
    Map<String, List<Object>> out = new LinkedHashMap<>(grid);
    out.remove(budgetParam);
    return out;
  }

  /** Points the schedules can choose from. */
  int searchSize() {
    return size(searchGrid());
  }

  /** The budget param's largest grid value: the schedules' maximum budget. */
  long budgetMax() {
    return grid.get(budgetParam).stream().mapToLong(v -> (Long) v).max().orElseThrow();
  }

  private static int size(Map<String, List<Object>> g) {
    return g.values().stream().mapToInt(List::size).reduce(1, (x, y) -> x * y);
  }

  /** {@code "maxDepth=4,8 numTrees=10,30"} → ordered map; whole numbers become Long (MLlib int params). */
  static Map<String, List<Object>> grid(String spec) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String part : spec.strip().split("\\s+")) {
      int eq = part.indexOf('=');
      if (eq <= 0 || eq == part.length() - 1) {
        throw new IllegalArgumentException("--grid: expected name=v1,v2,.. but got '" + part + "'");
      }
      List<Object> values = new ArrayList<>();
      for (String v : part.substring(eq + 1).split(",")) values.add(value(v.strip()));
      out.put(part.substring(0, eq), List.copyOf(values));
    }
    return out;
  }

  private static Object value(String v) {
    try {
      // "1.0" stays a Double so a double param (subsamplingRate) is never handed a Long.
      return v.matches("-?\\d+") ? (Object) Long.valueOf(v) : (Object) Double.valueOf(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static List<String> schedules(String v) {
    List<String> out = Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (String s : out) {
      if (!ALL_SCHEDULES.contains(s)) {
        throw new IllegalArgumentException("--schedules: expected some of " + ALL_SCHEDULES + ", got '" + s + "'");
      }
    }
    return out;
  }

  /** A number, or a fraction written {@code a/b} (1/9 is not a finite decimal). */
  private static double number(String name, String v) {
    try {
      int slash = v.indexOf('/');
      if (slash > 0) return Double.parseDouble(v.substring(0, slash)) / Double.parseDouble(v.substring(slash + 1));
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected a number, got '" + v + "'");
    }
  }

  private static long integer(String name, String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": expected an integer, got '" + v + "'");
    }
  }

  private static int atLeast(String name, String v, int min) {
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= min) return n;
    } catch (NumberFormatException e) {
      // reported below, with the same message as an out-of-range value
    }
    throw new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: expected an integer >= %d, got '%s'", name, min, v));
  }
}
