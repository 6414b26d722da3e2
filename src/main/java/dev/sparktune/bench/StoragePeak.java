package dev.sparktune.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkExecutorInfo;

/**
 * The most storage memory the executors held at once during a window, read from Spark's status
 * store ({@code SparkStatusTracker.getExecutorInfos}: the block manager's cached blocks on and off
 * heap, the same figure the UI's Executors page shows) by a thread polling it every
 * {@value #POLL_MILLIS} ms. Polling can miss a peak shorter than that; the status store itself
 * is refreshed about as often ({@code spark.ui.liveUpdate.period}, 100 ms).
 *
 * <p>In local mode the driver is the executor, so this counts what the driver's block manager
 * holds: the cached input, the fold sets and what each MLlib fit caches while it runs.
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

  /** Storage memory in use now, bytes, summed over every block manager (driver included). */
  long used() {
    long sum = 0;
    for (SparkExecutorInfo e : sc.statusTracker().getExecutorInfos()) {
      sum += e.usedOnHeapStorageMemory() + e.usedOffHeapStorageMemory();
    }
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
