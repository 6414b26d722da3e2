package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import dev.sparktune.engine.JobGroups;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The data-fraction budgets of successive halving: each fold's training set cut to a fraction of
 * its rows, built once per (fold, fraction) and shared by every trial, like the folds.
 *
 * <p>Every row gets a fixed key in [0, 1), a salted hash of its content, and the subset at
 * fraction f keeps the rows whose key is below a threshold that grows with f. So the subsets are
 * <em>nested</em> (a rung's rows are all in the next rung), reproducible across runs and
 * partitionings, and promoting a configuration only adds rows. For classification the threshold
 * is per class, {@code max(f, MIN_PER_CLASS / classRows)}: every class keeps at least about
 * {@value #MIN_PER_CLASS} rows, so a 4% rung of an imbalanced dataset still sees its rare class
 * and the evaluator still finds every label, while common classes keep their share f.
 */
final class Subsets {
  static final int MIN_PER_CLASS = 20;
  private static final long KEY_RANGE = 1L << 30;

  private record Key(int fold, double fraction) {}

  private final Folds folds;
  private final Map<Key, CompletableFuture<Dataset<Row>>> built = new ConcurrentHashMap<>();
  private final Map<Integer, Map<Double, Long>> classRows = new ConcurrentHashMap<>();

  Subsets(Folds folds) {
    this.folds = folds;
  }

  /** The cached subset; the first caller builds it, concurrent callers wait for that build. */
  Dataset<Row> get(int fold, double fraction) {
    Key key = new Key(fold, fraction);
    CompletableFuture<Dataset<Row>> mine = new CompletableFuture<>();
    CompletableFuture<Dataset<Row>> existing = built.putIfAbsent(key, mine);
    if (existing == null) {
      try {
        // Its own job group: the trial that happens to ask first may be cancelled or pruned,
        // which must not fail the build every later trial waits on.
        mine.complete(JobGroups.run(folds.train(fold).sparkSession().sparkContext(), "sparktune-subsets",
            "cut fold " + (fold + 1) + "/" + folds.k() + " to " + fraction + " of its rows", () -> build(fold, fraction)));
      } catch (RuntimeException | Error e) {
        built.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      return mine.join();
    }
    try {
      return existing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a training subset", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private Dataset<Row> build(int fold, double fraction) {
    Dataset<Row> train = folds.train(fold);
    Column key = pmod(xxhash64(lit(folds.seed()), lit("subset"), col("label"), col("features")), lit(KEY_RANGE))
        .divide(lit((double) KEY_RANGE));
    Column keep;
    long expectedRows;
    if (folds.numClasses() > 0) {
      Map<Double, Long> counts = classRows.computeIfAbsent(fold, f -> countClasses(train));
      keep = lit(false);
      expectedRows = 0;
      for (var e : counts.entrySet()) {
        double threshold = threshold(fraction, e.getValue());
        keep = keep.or(col("label").equalTo(lit(e.getKey())).and(key.lt(lit(threshold))));
        expectedRows += (long) Math.ceil(threshold * e.getValue());
      }
    } else {
      keep = key.lt(lit(fraction));
      expectedRows = (long) Math.ceil(fraction * folds.trainRows(fold));
    }
    return FoldSets.materialize(train.filter(keep), folds.partitionsFor(expectedRows), folds.storageLevel());
  }

  /** The key threshold of a class with {@code rows} rows at {@code fraction}; grows with the fraction. */
  static double threshold(double fraction, long rows) {
    return Math.min(1.0, Math.max(fraction, rows == 0 ? 1.0 : (double) MIN_PER_CLASS / rows));
  }

  private static Map<Double, Long> countClasses(Dataset<Row> train) {
    Map<Double, Long> counts = new HashMap<>();
    List<Row> rows = train.groupBy(col("label")).count().collectAsList();
    for (Row r : rows) counts.put(r.getDouble(0), r.getLong(1));
    return counts;
  }

  void unpersist() {
    for (CompletableFuture<Dataset<Row>> f : built.values()) {
      if (f.isDone() && !f.isCompletedExceptionally()) f.join().unpersist(false);
    }
    built.clear();
  }
}
