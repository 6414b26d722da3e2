package dev.sparktune.engine;

import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.apache.spark.sql.SparkSession;

/**
 * {@code search.parallelism = auto} while the study runs: the trials to keep in flight for the
 * cores the cluster has <em>now</em> ({@link SparkSessions#parallelismAuto}). Under dynamic
 * allocation executors come as trials queue tasks and go when idle, so the study asks again
 * whenever it could start a trial, and says when the answer changes.
 */
public final class AutoParallelism implements IntSupplier {
  private final SparkSession spark;
  private final int folds;
  private final int partitionsPerFold;
  private final Consumer<String> say;
  private int last;
  private int cores;

  public AutoParallelism(SparkSession spark, int folds, int partitionsPerFold, Consumer<String> say) {
    this.spark = spark;
    this.folds = folds;
    this.partitionsPerFold = partitionsPerFold;
    this.say = say;
    this.cores = SparkSessions.cores(spark);
    this.last = SparkSessions.parallelismAuto(cores, folds, partitionsPerFold);
  }

  /** The number before the study started, for the start-up line. */
  public int initial() {
    return last;
  }

  @Override
  public synchronized int getAsInt() {
    int nowCores = SparkSessions.cores(spark);
    if (nowCores != cores) {
      int now = SparkSessions.parallelismAuto(nowCores, folds, partitionsPerFold);
      if (now != last) {
        say.accept(String.format(Locale.ROOT, "%d trials at a time (was %d): the cluster now has %d cores (had %d)",
            now, last, nowCores, cores));
      }
      cores = nowCores;
      last = now;
    }
    return last;
  }
}
