package dev.sparktune.trial;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a finished evaluation produced: a score, a pruned partial result, or the reason it has none. */
public sealed interface Outcome permits Outcome.Completed, Outcome.Pruned, Outcome.Failed, Outcome.TimedOut,
    Outcome.Cancelled {

  /**
   * A score. {@code folds.get(i)} is fold i's value: the list covers folds 0 .. n-1, where n is
   * the number of folds for every budget but {@link Budget.Kind#FOLDS}, whose amount it is
   * (values reused from an earlier rung included). Empty when the objective is not
   * cross-validated. {@code value} is the mean of the folds.
   *
   * <p>{@code measures} are what else was measured of the trial by name ({@code fit-seconds},
   * {@code model-size}, …): the other objectives and the constrained values of a study with
   * several objectives or constraints, empty otherwise (and in journals written before them).
   */
  record Completed(double value, List<Double> folds, double fitSeconds, Map<String, Double> measures)
      implements Outcome {
    public Completed {
      if (Double.isNaN(value)) throw new IllegalArgumentException("objective value is NaN");
      folds = List.copyOf(folds);
      measures = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(measures));
    }

    /** A score with nothing else measured: the single-objective form. */
    public Completed(double value, List<Double> folds, double fitSeconds) {
      this(value, folds, fitSeconds, Map.of());
    }

    /** The same score with {@code more} measures added (replacing any of the same name). */
    public Completed withMeasures(Map<String, Double> more) {
      Map<String, Double> all = new TreeMap<>(measures);
      all.putAll(more);
      return new Completed(value, folds, fitSeconds, all);
    }

    /** The mean of {@code folds}, the form objectives build. */
    public static Completed ofFolds(List<Double> folds, double fitSeconds) {
      if (folds.isEmpty()) throw new IllegalArgumentException("no fold values");
      return new Completed(folds.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), folds, fitSeconds);
    }

    /**
     * From fold index → value; the indices must be exactly 0 .. n-1.
     *
     * @throws IllegalArgumentException if a fold is missing
     */
    public static Completed ofFolds(Map<Integer, Double> folds, double fitSeconds) {
      List<Double> list = new ArrayList<>();
      for (int i = 0; i < folds.size(); i++) {
        Double v = folds.get(i);
        if (v == null) throw new IllegalArgumentException("fold " + i + " missing from " + new TreeMap<>(folds));
        list.add(v);
      }
      return ofFolds(list, fitSeconds);
    }

    /** Fold index → value. */
    public SortedMap<Integer, Double> foldMap() {
      SortedMap<Integer, Double> m = new TreeMap<>();
      for (int i = 0; i < folds.size(); i++) m.put(i, folds.get(i));
      return m;
    }

    public double std() {
      return Outcome.std(folds);
    }
  }

  /**
   * Stopped before all its folds ran because the ones that did were clearly worse than the
   * incumbent (fold-level pruning). {@code folds} maps the fold indices that finished to their
   * values; folds finish in any order, so the keys need not be 0 .. n-1.
   */
  record Pruned(Map<Integer, Double> folds, String reason) implements Outcome {
    public Pruned {
      folds = Map.copyOf(folds);
    }

    /** Fold index → value, sorted. */
    public SortedMap<Integer, Double> foldMap() {
      return new TreeMap<>(folds);
    }
  }

  /** The objective threw, was cancelled, or returned nothing usable; the study goes on. */
  record Failed(String error) implements Outcome {}

  /**
   * Ran longer than the trial timeout and was cancelled. Apart from {@link Failed} because the
   * configuration did nothing wrong that a rerun would repeat for certain: it was only too slow.
   *
   * @param limit the timeout it overran
   */
  record TimedOut(Duration limit) implements Outcome {
    public TimedOut {
      if (limit == null || limit.isNegative() || limit.isZero()) throw new IllegalArgumentException("timeout must be > 0");
    }

    /** "timed out after 10m", for the trial table and the log. */
    public String reason() {
      return "timed out after " + DurationText.of(limit);
    }
  }
  /**
   * Cut short because the study stopped (its time limit, or the driver shutting down), not
   * because of anything the configuration did: a resumed study runs it again, under the same
   * number, params and budget.
   *
   * @param reason why the study stopped, e.g. "time limit 2h reached"
   */
  record Cancelled(String reason) implements Outcome {
    public Cancelled {
      java.util.Objects.requireNonNull(reason);
    }
  }


  static Outcome completed(double value) {
    return new Completed(value, List.of(), 0.0);
  }

  static Outcome failed(Throwable e) {
    Throwable root = e;
    String where = "";
    for (; root.getCause() != null && root.getCause() != root; root = root.getCause()) {
      if (root instanceof FoldError f && where.isEmpty()) where = f.getMessage() + ": ";
    }
    String msg = root.getMessage() == null ? "" : ": " + root.getMessage().strip().lines().findFirst().orElse("");
    return new Failed(where + root.getClass().getSimpleName() + msg);
  }

  /** Sample standard deviation (n - 1); 0 for fewer than two values. */
  static double std(java.util.Collection<Double> values) {
    if (values.size() < 2) return 0.0;
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = values.stream().mapToDouble(f -> (f - mean) * (f - mean)).sum();
    return Math.sqrt(ss / (values.size() - 1));
  }
}
