package dev.sparktune.engine;

import dev.sparktune.report.RewriteThrottle;
import dev.sparktune.report.TrialTable;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * trials.csv in a study's output directory: rewritten after a trial, off the study's loop, while
 * that is cheap and throttled once the table is large ({@link RewriteThrottle}: at most 5% of the
 * run), and always at the end.
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
  private CompletableFuture<Void> background = CompletableFuture.completedFuture(null);

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

  /**
   * After a trial finished: rewrites the table if that is due, on a thread of its own (the trials
   * and costs are read here, a copy each): formatting and writing a 10,000-row table takes long
   * enough that the study's loop, which calls this, would keep every finished trial's slot idle
   * meanwhile. A rewrite that is still under way skips this one; one that failed throws here.
   */
  public synchronized void afterTrial(Supplier<List<Trial>> trials) {
    if (!background.isDone()) return;
    background.join();   // rethrows a failed rewrite's error
    if (!throttle.due()) return;
    List<Trial> snapshot = trials.get();
    Map<Integer, TrialCost> spent = costs.get();
    background = CompletableFuture.runAsync(() -> throttle.now(() -> rewrite(snapshot, spent)), TrialsCsv::onItsOwnThread);
  }

  /** Rewrites the table now, after any rewrite under way (so this one is the last). */
  public synchronized void write(List<Trial> trials) {
    try {
      background.join();
    } catch (CompletionException e) {
      // A view's earlier rewrite failed: this one replaces it, and throws if it fails too.
    }
    throttle.now(() -> rewrite(trials, costs.get()));
  }

  private void rewrite(List<Trial> trials, Map<Integer, TrialCost> spent) {
    dir.write("trials.csv", TrialTable.csv(space, metric, folds, trials, spent, goals));
  }

  private static void onItsOwnThread(Runnable r) {
    Thread t = new Thread(r, "sparktune-trials-csv");
    t.setDaemon(true);
    t.start();
  }
}
