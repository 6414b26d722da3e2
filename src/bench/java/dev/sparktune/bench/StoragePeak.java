package dev.sparktune.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.storage.RDDInfo;

/**
 * The most memory cached datasets held at once during a window, read from Spark's status store
 * ({@code SparkContext.getRDDStorageInfo}: each persisted RDD's in-memory size, the figure the
 * UI's Storage page shows) by a thread polling it every {@value #POLL_MILLIS} ms. Polling can
 * miss a peak shorter than that; the status store itself is refreshed about as often
 * ({@code spark.ui.liveUpdate.period}, 100 ms).
 *
 * <p>Cached datasets, not all of the executors' storage memory: that also holds broadcast blocks
 * (every L-BFGS iteration broadcasts its coefficients), which stay until the context cleaner
 * collects them, so that figure depends on the JVM's garbage collection (a first version read the
 * executors' used storage memory, and in the grid benchmark it stood at 795 MB at the start of a
 * run, after the warm-up runs). This counts the cached input, the fold sets and what each MLlib fit caches while it runs
 * (a logistic regression caches its training set as blocks of instances).
 */
final class StoragePeak {
  static final long POLL_MILLIS = 50;

  private final SparkContext sc;
  private final AtomicLong peak = new AtomicLong();
  private final AtomicBoolean running = new AtomicBoolean();
  private long baseline;
  private Thread poller;

  StoragePeak(SparkContext sc) {
    this.sc = sc;
  }

  /** Bytes the cached datasets hold in memory now, summed over every block manager. */
  long used() {
    long sum = 0;
    for (RDDInfo r : sc.getRDDStorageInfo()) sum += r.memSize();
    return sum;
  }

  /** Starts a window: the peak restarts from what is held now (the baseline). */
  synchronized void start() {
    if (running.get()) throw new IllegalStateException("start() twice");
    baseline = used();
    peak.set(baseline);
    running.set(true);
    poller = new Thread(() -> {
      while (running.get()) {
        peak.accumulateAndGet(used(), Math::max);
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "sparktune-storage-peak");
    poller.setDaemon(true);
    poller.start();
  }

  /** Ends the window: {peak bytes, baseline bytes at its start}. */
  synchronized long[] stop() {
    if (!running.getAndSet(false)) throw new IllegalStateException("stop() without start()");
    poller.interrupt();
    try {
      poller.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    peak.accumulateAndGet(used(), Math::max);
    return new long[] {peak.get(), baseline};
  }
}
