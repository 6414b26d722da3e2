package dev.sparktune.report;

import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.Values;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import dev.sparktune.trial.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The trial table as CSV (RFC 4180 quoting): one row per evaluation, so a configuration that
 * climbed three rungs has three rows sharing its {@code config} id. Columns: number, state (what
 * became of the evaluation: COMPLETED at the maximum budget, PROMOTED, STOPPED, PRUNED, FAILED,
 * TIMEOUT, CANCELLED, RUNNING), config, rung, budget, one column per param (empty when inactive), one per fold,
 * mean, std, fit seconds, wall seconds, and error (a failure, a timeout, or why a trial was
 * pruned).
 * A person can sort it and a scheduler can load it.
 */
public final class TrialTable {
  private TrialTable() {}

  public static String csv(SearchSpace space, String metric, int folds, List<Trial> trials) {
    return csv(space, metric, folds, trials, null);
  }

  /**
   * With what Spark spent on each trial after the error column: tasks, executor CPU and run
   * seconds, GC seconds, shuffle bytes (read + written), spill bytes (memory + disk), and
   * {@code cost_complete} (false when Spark dropped listener events, so the sums may be short).
   * Empty cells for a trial whose cost was not recorded.
   */
  public static String csv(SearchSpace space, String metric, int folds, List<Trial> trials,
      Map<Integer, TrialCost> costs) {
    return csv(space, metric, folds, trials, costs, null);
  }

  /**
   * With, when {@code goals} is not null, one column per measured objective or constrained value
   * (by its name, e.g. {@code fit-seconds}), then {@code feasible} and {@code pareto} (true for
   * the members of the front), after every other column so existing positions stay.
   */
  public static String csv(SearchSpace space, String metric, int folds, List<Trial> trials,
      Map<Integer, TrialCost> costs, dev.sparktune.pareto.Goals goals) {
    List<String> header = new ArrayList<>(List.of("number", "state", "config", "rung", "budget"));
    for (Param p : space.params()) header.add(p.name());
    for (int f = 1; f <= folds; f++) header.add(metric + "_fold" + f);
    header.addAll(List.of(metric + "_mean", metric + "_std", "fit_seconds", "wall_seconds", "error"));
    if (costs != null) header.addAll(COST_COLUMNS);
    List<String> measured = goals == null ? List.of() : measuredNames(goals);
    java.util.Set<Integer> front = goals == null ? java.util.Set.of()
        : dev.sparktune.pareto.Ranking.atFullBudget(trials, goals).frontNumbers();
    if (goals != null) {
      header.addAll(measured);
      header.addAll(List.of("feasible", "pareto"));
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header);
    List<Verdict> verdicts = History.of(trials).verdicts();
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      List<String> row = new ArrayList<>(List.of(Integer.toString(t.number()), verdicts.get(i).name(),
          Integer.toString(t.configId()), Integer.toString(t.rung()), t.budget().label()));
      for (Param p : space.params()) {
        Object v = t.assignment().get(p.name());
        row.add(v == null ? "" : Values.format(v));
      }
      Outcome o = t.outcome().orElse(null);
      Outcome.Completed c = o instanceof Outcome.Completed done ? done : null;
      Map<Integer, Double> foldValues = c != null ? c.foldMap()
          : o instanceof Outcome.Pruned p ? p.folds() : Map.of();
      for (int f = 0; f < folds; f++) {
        Double v = foldValues.get(f);
        row.add(v == null ? "" : num(v));
      }
      row.add(c != null ? num(c.value()) : "");
      row.add(c != null ? num(c.std()) : "");
      row.add(c != null ? String.format(Locale.ROOT, "%.3f", c.fitSeconds()) : "");
      row.add(t.finished().map(end -> String.format(Locale.ROOT, "%.3f",
          Duration.between(t.started(), end).toMillis() / 1000.0)).orElse(""));
      row.add(o instanceof Outcome.Failed failed ? failed.error() : o instanceof Outcome.Pruned p ? p.reason()
          : o instanceof Outcome.TimedOut timedOut ? timedOut.reason()
          : o instanceof Outcome.Cancelled cancelled ? "cancelled: " + cancelled.reason() : "");
      if (costs != null) row.addAll(costCells(costs.get(t.number())));
      if (goals != null) {
        for (String m : measured) {
          double v = c == null ? Double.NaN : goals.value(c, m);
          row.add(Double.isNaN(v) ? "" : num(v));
        }
        row.add(c == null ? "" : Boolean.toString(goals.feasible(c)));
        row.add(Boolean.toString(front.contains(t.number())));
      }
      line(sb, row);
    }
    return sb.toString();
  }

  /** The objectives and constrained values other than the metric (which has its own columns), in order. */
  private static List<String> measuredNames(dev.sparktune.pareto.Goals goals) {
    java.util.Set<String> names = new java.util.LinkedHashSet<>(goals.names());
    for (var k : goals.constraints()) names.add(k.name());
    names.remove(goals.metric());
    return List.copyOf(names);
  }

  private static final List<String> COST_COLUMNS = List.of("spark_tasks", "executor_cpu_seconds",
      "executor_run_seconds", "gc_seconds", "shuffle_bytes", "spill_bytes", "cost_complete");

  private static List<String> costCells(TrialCost cost) {
    if (cost == null) return java.util.Collections.nCopies(COST_COLUMNS.size(), "");
    SparkCost c = cost.total();
    return List.of(Long.toString(c.tasks()), seconds(c.cpuMs()), seconds(c.runMs()), seconds(c.gcMs()),
        Long.toString(c.shuffleBytes()), Long.toString(c.spillBytes()), Boolean.toString(cost.complete()));
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
  }

  private static String num(double v) {
    return Double.toString(v);
  }

  private static void line(StringBuilder sb, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) sb.append(',');
      String c = cells.get(i);
      if (c.contains(",") || c.contains("\"") || c.contains("\n")) {
        sb.append('"').append(c.replace("\"", "\"\"").replace("\n", " ")).append('"');
      } else {
        sb.append(c);
      }
    }
    sb.append('\n');
  }
}
