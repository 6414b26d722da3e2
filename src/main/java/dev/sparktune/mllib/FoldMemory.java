package dev.sparktune.mllib;

import java.util.Locale;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkExecutorInfo;
import org.apache.spark.storage.BlockManagerId;
import org.apache.spark.storage.RDDInfo;

/**
 * The one line the driver prints before the first trial about memory: what the cached folds take
 * (estimated from a sample of rows, and what Spark holds now in memory and on disk), against the
 * executors' storage memory, and what to change when they do not fit.
 *
 * <p>Every fold's training and validation set stays cached for the whole study: k copies of the
 * training rows, where CrossValidator holds about one at a time. What does not fit in storage
 * memory is spilled to disk (memory-and-disk, the default) and read back by every fit, or, with
 * a memory-only level, recomputed from the source by every fit. Either way the study finishes;
 * it is slower.
 *
 * @param estimatedBytes the folds' estimated cached size ({@link Folds#estimatedBytes()})
 * @param inMemoryBytes what Spark's cached datasets hold in memory now (the folds, and the input
 *     if the caller cached it)
 * @param onDiskBytes what they hold on disk now
 * @param storageBytes the executors' storage memory (the driver's in local mode)
 * @param level the configured {@code sparktune.cv.storage-level}
 * @param k folds
 * @param rows training rows
 * @param bytesPerRow estimated size of one cached row
 */
public record FoldMemory(long estimatedBytes, long inMemoryBytes, long onDiskBytes, long storageBytes, String level,
    int k, long rows, double bytesPerRow) {

  /** Reads the cached sizes and the storage memory from Spark's status store, after the folds are cached. */
  public static FoldMemory of(SparkContext sc, Folds folds, String level) {
    long mem = 0;
    long disk = 0;
    for (RDDInfo r : sc.getRDDStorageInfo()) {
      mem += r.memSize();
      disk += r.diskSize();
    }
    BlockManagerId driver = SparkEnv.get().blockManager().blockManagerId();
    long storage = 0;
    for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
      // On a cluster the driver's block manager caches no fold: only the executors' memory counts.
      boolean isDriver = e.host().equals(driver.host()) && e.port() == driver.port();
      if (sc.isLocal() || !isDriver) storage += e.totalOnHeapStorageMemory() + e.totalOffHeapStorageMemory();
    }
    return new FoldMemory(folds.estimatedBytes(), mem, disk, storage, level, folds.k(), folds.trainingRows(),
        folds.bytesPerRow());
  }

  /** True if the estimate fits in the storage memory. */
  public boolean fits() {
    return estimatedBytes <= storageBytes;
  }

  /** The line, starting {@code memory: }. */
  public String line() {
    String head = String.format(Locale.ROOT, "memory: the %d folds' cached sets take about %s (%,d training rows x %d x "
        + "~%.0f B; Spark now holds %s in memory, %s on disk), storage memory %s", k, size(estimatedBytes), rows, k,
        bytesPerRow, size(inMemoryBytes), size(onDiskBytes), storageBytes > 0 ? size(storageBytes) : "unknown (no executor yet)");
    if (level.equals("disk-only")) return head + ": cached on disk only (sparktune.cv.storage-level = disk-only)";
    if (storageBytes <= 0 || fits()) return head + ": fits";
    String spill = level.startsWith("memory-and-disk")
        ? "what does not fit spills to disk and every fit reads it back (slower)"
        : "what does not fit is recomputed from the source by every fit (slower; sparktune.cv.storage-level = "
            + "memory-and-disk spills it to disk instead)";
    String ser = level.endsWith("-ser") ? "" : ", cache serialized (sparktune.cv.storage-level = "
        + (level.startsWith("memory-and-disk") ? "memory-and-disk-ser" : "memory-only-ser") + ")";
    return head + ": will NOT fit; " + spill + "; to fit, give the executors more memory (spark.executor.memory; "
        + "--driver-memory in local mode)" + ser + " or use fewer folds (sparktune.cv.folds)";
  }

  /** Bytes as B, kB, MB or GB (powers of 1024), three significant digits. */
  static String size(long bytes) {
    if (bytes < 1024) return bytes + " B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v, units[u]);
  }
}
