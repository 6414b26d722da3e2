package dev.sparktune.sampler;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Dominance;
import dev.sparktune.pareto.Goals;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.UnitCube;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What a model-based sampler learns from: the completed trials of one budget as unit-cube points
 * with losses (smaller is better whatever the study's direction), and the points still running.
 * Rebuilt from the history on every call, which is what lets a replayed study propose the same
 * next point.
 *
 * <p>With successive halving the history mixes budgets. Like BOHB (Falkner et al. 2018), the
 * model is fitted on the largest budget that has {@code enough} results, since values at
 * different budgets are not comparable and the largest budget is the most faithful one.
 *
 * <p>With constraints ({@code sparktune.constraints} and one objective) each row also carries its
 * violation and its slack per constraint, and rows compare by Deb's rule ({@link #compare}), so
 * that an infeasible result is never the best a sampler learns from.
 *
 * @param x one row per completed trial, in trial order; NaN where a conditional param was inactive
 * @param loss the value turned so that smaller is better
 * @param violation per row, the violation Deb's rule ranks by ({@link Goals#rankedViolation}): 0
 *     when feasible; all 0 without constraints
 * @param slack per row, per constraint, how far past its limit the row is ({@link Constraint#slack}:
 *     negative inside it, NaN if unmeasured); rows of width 0 without constraints
 * @param pending points of running trials (any budget), for constant-liar style repulsion
 * @param budget the budget amount the rows come from (+∞ for the full budget)
 */
public record Observations(double[][] x, double[] loss, double[] violation, double[][] slack, double[][] pending,
    double budget) {

  public int size() {
    return loss.length;
  }

  public boolean feasible(int i) {
    return violation[i] <= 0;
  }

  /** Whether any constraint is known; without one every row is feasible and compares by loss. */
  public boolean constrained() {
    return slack.length > 0 && slack[0].length > 0;
  }

  /** Row i against row j by Deb's rule ({@link Dominance#compare}): negative when i is better. */
  public int compare(int i, int j) {
    return Dominance.compare(loss[i], violation[i], loss[j], violation[j]);
  }

  /** The index of the best row by {@link #compare} (the smallest loss without constraints), or -1 when there are none. */
  public int best() {
    int b = -1;
    for (int i = 0; i < loss.length; i++) if (b < 0 || compare(i, b) < 0) b = i;
    return b;
  }

  /**
   * @param enough the smallest number of results a budget needs to be learnt from; when no
   *     budget has that many, the budget with the most results is used
   */
  public static Observations of(SearchSpace space, History history, int enough) {
    return of(space, history, enough, null);
  }

  /**
   * As {@link #of(SearchSpace, History, int, RowCache)}, with each row's violation and slack of
   * {@code goals}' constraints. Only the constraints (and which name is the metric) are read from
   * {@code goals}; which way the value points is still the history's.
   */
  public static Observations of(SearchSpace space, History history, int enough, RowCache rows, Goals goals) {
    if (rows != null) {
      synchronized (rows) {
        return build(space, history, enough, rows, goals);
      }
    }
    return build(space, history, enough, null, goals);
  }

  /**
   * As {@link #of(SearchSpace, History, int)}, taking each trial's row from {@code rows}
   * when it has already encoded that very trial: a pure derived cache, the result is the same.
   * The rows returned are shared with the cache, so callers must not write into them.
   *
   * @param rows a cache owned by the caller, or null to encode everything afresh
   */
  public static Observations of(SearchSpace space, History history, int enough, RowCache rows) {
    return of(space, history, enough, rows, null);
  }

  private static Observations build(SearchSpace space, History history, int enough, RowCache cache, Goals goals) {
    Direction direction = history.direction();
    UnitCube cube = space.cube();
    if (cache != null) cache.use(space);
    TreeMap<Double, List<Trial>> byBudget = new TreeMap<>();
    List<double[]> pending = new ArrayList<>();
    for (Trial t : history.trials()) {
      if (t.state() == TrialState.RUNNING) {
        pending.add(cache != null ? cache.row(cube, t) : cube.encode(t.assignment()));
        continue;
      }
      OptionalDouble v = t.value();
      if (t.state() != TrialState.COMPLETE || v.isEmpty() || !Double.isFinite(v.getAsDouble())) continue;
      double key = t.budget().isFull() ? Double.POSITIVE_INFINITY : t.budget().amount();
      byBudget.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    Double chosen = null;
    for (Double key : byBudget.descendingKeySet()) {
      if (byBudget.get(key).size() >= enough) {
        chosen = key;
        break;
      }
    }
    if (chosen == null) {
      for (var e : byBudget.entrySet()) {
        if (chosen == null || e.getValue().size() >= byBudget.get(chosen).size()) chosen = e.getKey();
      }
    }
    List<Trial> rows = chosen == null ? List.of() : byBudget.get(chosen);
    List<Constraint> constraints = goals == null ? List.of() : goals.constraints();
    double[][] x = new double[rows.size()][];
    double[] loss = new double[rows.size()];
    double[] violation = new double[rows.size()];
    double[][] slack = new double[rows.size()][constraints.size()];
    for (int i = 0; i < rows.size(); i++) {
      x[i] = cache != null ? cache.row(cube, rows.get(i)) : cube.encode(rows.get(i).assignment());
      loss[i] = -direction.signed(rows.get(i).value().getAsDouble());
      if (constraints.isEmpty()) continue;
      Outcome.Completed c = Goals.completed(rows.get(i)).orElseThrow();
      violation[i] = goals.rankedViolation(c);
      for (int k = 0; k < constraints.size(); k++) {
        slack[i][k] = constraints.get(k).slack(goals.value(c, constraints.get(k).name()));
      }
    }
    return new Observations(x, loss, violation, slack, pending.toArray(new double[0][]),
        chosen == null ? Double.POSITIVE_INFINITY : chosen);
  }

  /**
   * The unit-cube rows of trials already encoded, so that a sampler called once per trial does not
   * re-encode the whole history each time. A trial is found by its number (a warm start's earlier
   * trials, numbered below 0, in a slot of their own) and recognised by
   * identity: trials are immutable records, and a trial that changes state (finishes, restarts) is
   * a new record, so it is encoded again. Rows are only reused for the very same search space
   * object; another space empties the cache. Holds no state that changes a result: a fresh cache
   * gives the same observations. Not for concurrent use on its own; {@link Observations#of} locks it.
   */
  public static final class RowCache {
    private SearchSpace space;
    private Trial[] trials = new Trial[0];
    private double[][] rows = new double[0][];

    void use(SearchSpace s) {
      if (s != space) {
        space = s;
        trials = new Trial[0];
        rows = new double[0][];
      }
    }

    double[] row(UnitCube cube, Trial t) {
      // Slots 0, 2, 4, ... for trials 0, 1, 2, ...; 1, 3, 5, ... for trials -1, -2, -3, ...
      int k = t.number() >= 0 ? 2 * t.number() : -2 * t.number() - 1;
      if (k < trials.length && trials[k] == t) return rows[k];
      if (k >= trials.length) {
        int size = Math.max(k + 1, trials.length * 2);
        trials = java.util.Arrays.copyOf(trials, size);
        rows = java.util.Arrays.copyOf(rows, size);
      }
      double[] u = cube.encode(t.assignment());
      trials[k] = t;
      rows[k] = u;
      return u;
    }
  }

  /**
   * Per coordinate, the number of choices of a categorical param, or 0 for a numeric one. The
   * one place samplers look at param types: a category's cell in the cube is a label, not a
   * distance, so models must treat it apart.
   */
  public static int[] categories(SearchSpace space) {
    int[] k = new int[space.dimensions()];
    for (int i = 0; i < k.length; i++) {
      Param p = space.params().get(i);
      if (p instanceof CategoricalParam c) k[i] = c.choices().size();
    }
    return k;
  }

  /**
   * Per coordinate, the number of distinct values (cells of the cube) of an int, stepped float or
   * categorical param, or 0 for a continuous one: the resolution below which a model cannot
   * distinguish points.
   */
  public static long[] cells(SearchSpace space) {
    long[] k = new long[space.dimensions()];
    for (int i = 0; i < k.length; i++) {
      Param p = space.params().get(i);
      if (p instanceof CategoricalParam c) k[i] = c.choices().size();
      else if (p instanceof IntParam ip && !ip.log()) k[i] = ip.size();
      else if (p instanceof IntParam ip && ip.high() > ip.low()) {
        // Cells shrink towards the top of a log range; the top one is the finest resolution.
        k[i] = Math.max(1, Math.round(1 / Math.max(1e-9, 2 * (1 - ip.encode(ip.high())))));
      }
      else if (p instanceof FloatParam fp && fp.step().isPresent()) k[i] = fp.steps() + 1;
    }
    return k;
  }

  /** The cell of coordinate {@code u} among {@code k} categories, as the cube decodes it. */
  public static int category(double u, int k) {
    return Math.min(k - 1, Math.max(0, (int) Math.floor(u * k)));
  }
}
