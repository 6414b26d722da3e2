package dev.sparktune.mllib;

import java.util.List;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * How the fold sets (and the budgets' subsets of them) are kept in the cluster: cached plans or
 * local checkpoints (see {@link Folds.Keeping}), how many partitions they get, and how their
 * blocks are found and dropped. Kept apart from the assignment because none of it may change
 * which rows a set holds, only where and how long they are stored.
 */
final class FoldSets {
  // One partition per ~50k rows or ~32 MB, whichever asks for more: MLlib's per-partition work
  // (aggregating gradients, histograms) is cheap next to task overhead on tiny partitions.
  private static final long ROWS_PER_PARTITION = 50_000;
  private static final double BYTES_PER_PARTITION = 32.0 * 1024 * 1024;

  private FoldSets() {}

  /** Whether {@code keeping} asks for local checkpoints on this cluster at this level (see {@link Folds.Keeping#AUTO}). */
  static boolean checkpoints(Folds.Keeping keeping, Dataset<Row> data, StorageLevel level) {
    return keeping == Folds.Keeping.LOCAL_CHECKPOINT || keeping == Folds.Keeping.AUTO
        && data.sparkSession().sparkContext().isLocal() && level.equals(StorageLevel.MEMORY_AND_DISK());
  }

  /** A fold set kept and materialized: a local checkpoint, or a cached plan at {@code level}. */
  static Dataset<Row> keep(Dataset<Row> d, StorageLevel level, boolean checkpoint) {
    return checkpoint ? d.localCheckpoint(true) : cache(d, level);
  }

  /** How a fold set's rows are stored: a cached plan's level, or a local checkpoint's (its RDD's). */
  static StorageLevel keptAt(Dataset<Row> d) {
    return d.queryExecution().logical() instanceof LogicalRDD checkpointed ? checkpointed.rdd().getStorageLevel()
        : d.storageLevel();
  }

  /** Drops a fold set's blocks: a cached plan's, or a local checkpoint's (the blocks of its RDD). */
  static void release(Dataset<Row> d) {
    if (d.queryExecution().logical() instanceof LogicalRDD checkpointed) {
      // What RDD.unpersist does, without its warning that a checkpoint's lineage is gone: these
      // sets are dropped for good.
      d.sparkSession().sparkContext().unpersistRDD(checkpointed.rdd().id(), false);
    } else {
      d.unpersist(false);
    }
  }

  static Dataset<Row> cache(Dataset<Row> d, StorageLevel level) {
    Dataset<Row> out = d.persist(level);
    out.count();
    return out;
  }

  static Dataset<Row> materialize(Dataset<Row> d, int partitions, StorageLevel level) {
    // One partition needs no shuffle: coalesce reads every input partition in a single task.
    Dataset<Row> sized = partitions == 1 ? d.coalesce(1) : d.repartition(partitions);
    return cache(sized, level);
  }

  /**
   * Partitions for {@code rows} rows: one per 50k rows or 32 MB, at least 1, at most
   * {@code cap} (the default parallelism). More would split a small fit into many tiny tasks,
   * and several trials' folds already run side by side to fill the cores.
   */
  static int autoPartitions(long rows, double bytesPerRow, int cap) {
    long byRows = (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION;
    long byBytes = (long) Math.ceil(rows * bytesPerRow / BYTES_PER_PARTITION);
    return (int) Math.max(1, Math.min(cap, Math.max(byRows, byBytes)));
  }

  /** In-memory size of a row, from a sample of the first rows: sparse vectors cost per non-zero. */
  static double bytesPerRow(Dataset<Row> tagged) {
    List<Row> sample = tagged.select("features").limit(200).collectAsList();
    if (sample.isEmpty()) return 64;
    double total = 0;
    for (Row r : sample) {
      Vector v = r.getAs(0);
      total += 32 + (v instanceof SparseVector s ? 12.0 * s.indices().length : 8.0 * v.size());
    }
    return total / sample.size();
  }
}
