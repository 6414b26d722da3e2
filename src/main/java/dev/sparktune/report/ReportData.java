package dev.sparktune.report;

import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything {@link HtmlReport} shows, all of it from the journal and the study's configuration
 * (plus best.json's refit score once the study has ended), so the report of a running or finished
 * study can be rebuilt without Spark.
 *
 * @param trials every evaluation so far, running ones included, by number
 * @param costs trial number → what Spark spent on it (trials without a recorded cost are absent)
 * @param end how the study ended; empty while it runs
 */
public record ReportData(String name, String metric, Direction direction, String estimator, int folds,
    SearchSpace space, List<Trial> trials, Map<Integer, TrialCost> costs, Optional<End> end, Instant generated,
    Optional<dev.sparktune.pareto.Goals> goals) {

  public ReportData {
    Objects.requireNonNull(direction);
    Objects.requireNonNull(goals);
    trials = List.copyOf(trials);
    costs = Map.copyOf(costs);
  }

  /** A study with one objective and no constraints. */
  public ReportData(String name, String metric, Direction direction, String estimator, int folds,
      SearchSpace space, List<Trial> trials, Map<Integer, TrialCost> costs, Optional<End> end, Instant generated) {
    this(name, metric, direction, estimator, folds, space, trials, costs, end, generated, Optional.empty());
  }

  /** The same data for a study with several objectives or constraints: the report draws the front. */
  public ReportData withGoals(dev.sparktune.pareto.Goals g) {
    return new ReportData(name, metric, direction, estimator, folds, space, trials, costs, end, generated, Optional.of(g));
  }

  /**
   * @param stopReason why the study stopped
   * @param testMetric the refit best's score on the held-out test rows, if it was refit
   * @param totalSeconds the run's wall time, setup and refit included
   */
  public record End(String stopReason, OptionalDouble testMetric, double totalSeconds) {}
}
