package dev.sparktune.engine;

import dev.sparktune.report.RewriteThrottle;
import dev.sparktune.report.TrialTable;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * trials.csv in a study's output directory: rewritten after a trial while that is cheap, throttled
 * once the table is large ({@link RewriteThrottle}: at most 5% of the run), and always at the end.
 * submit/tune and submit/overhead-benchmark both write through this class, so the benchmark
 * measures what a study does.
 */
public final class TrialsCsv {
  /** Rewrites may take up to this share of the run's time. */
  static final double SHARE = 0.05;

  private final ResultsDir dir;
  private final SearchSpace space;
  private final String metric;
  private final int folds;
  private final Supplier<Map<Integer, TrialCost>> costs;
  private final dev.sparktune.pareto.Goals goals;
  private final RewriteThrottle throttle = new RewriteThrottle(SHARE, System::nanoTime);

  /** @param costs each trial's Spark cost so far (the cost columns; empty without Spark) */
  public TrialsCsv(ResultsDir dir, SearchSpace space, String metric, int folds,
      Supplier<Map<Integer, TrialCost>> costs) {
    this(dir, space, metric, folds, costs, null);
  }

  /** @param goals several objectives or constraints: adds their columns, feasible and pareto; null = none */
  public TrialsCsv(ResultsDir dir, SearchSpace space, String metric, int folds,
      Supplier<Map<Integer, TrialCost>> costs, dev.sparktune.pareto.Goals goals) {
    this.goals = goals;
    this.dir = dir;
    this.space = space;
    this.metric = metric;
    this.folds = folds;
    this.costs = costs;
  }

  /** After a trial finished: rewrites the table if that is due; {@code trials} is read only then. */
  public void afterTrial(Supplier<List<Trial>> trials) {
    throttle.maybe(() -> write(trials.get()));
  }

  /** Rewrites the table now. */
  public void write(List<Trial> trials) {
    throttle.now(() -> dir.write("trials.csv", TrialTable.csv(space, metric, folds, trials, costs.get(), goals)));
  }
}
