package dev.sparktune.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;

/**
 * Measures how busy the task slots were between two marks: the time tasks held a slot (launch to
 * finish), their executor run and CPU time, and the jobs and tasks started, so that
 * {@code slot utilization = task time / (wall × cores)}.
 *
 * <p>Spark delivers listener events asynchronously, on its listener bus. To read a window only
 * after every task of it has been counted, {@link #start} and {@link #stop} run a one-task marker
 * job and wait until the bus has delivered its end: the bus keeps event order, so everything
 * before the marker has been counted too. Marker jobs are not counted.
 *
 * <p>Register it once with {@link #attach}; it counts every job of the context, so measure one
 * thing at a time.
 */
public final class SlotMeter extends SparkListener {
  private static final String MARKER_GROUP = "sparktune-slotmeter";
  private static final String GROUP_KEY = "spark.jobGroup.id";
  private static final String DESCRIPTION_KEY = "spark.job.description";
  private static final long FLUSH_TIMEOUT_SECONDS = 120;

  /**
   * What happened in one window.
   *
   * @param wallSeconds time between the marks
   * @param cores task slots the utilization is relative to
   * @param taskSeconds sum over tasks of the time each held a slot (launch to finish)
   * @param runSeconds sum of the tasks' executor run time (excludes deserialization, result send)
   * @param deserializeSeconds sum of the time tasks spent deserializing their closure and RDD
   *     lineage before running: per-task overhead that grows with the lineage, not the data
   * @param cpuSeconds sum of the tasks' executor CPU time
   * @param processCpuSeconds CPU time of this whole JVM (driver, executor threads in local mode,
   *     JIT, GC), or NaN where the JVM does not report it
   * @param jitSeconds time the JIT compilers spent compiling, or NaN if not reported; high
   *     while the JVM is still warming up
   * @param loadAverage the machine's one-minute load average at the end (negative if unknown):
   *     above the core count, other processes competed for the CPU
   * @param jobs Spark jobs started
   * @param tasks tasks finished
   */
  public record Window(double wallSeconds, int cores, double taskSeconds, double runSeconds,
      double deserializeSeconds,
      double cpuSeconds, double processCpuSeconds, double jitSeconds, double loadAverage, long jobs,
      long tasks) {
    /** Task time over the slot time available: {@code taskSeconds / (wallSeconds × cores)}. */
    public double utilization() {
      return wallSeconds <= 0 ? 0 : taskSeconds / (wallSeconds * cores);
    }
  }

  private final SparkContext sc;
  private final int cores;
  private final AtomicLong taskMillis = new AtomicLong();
  private final AtomicLong runMillis = new AtomicLong();
  private final AtomicLong deserializeMillis = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong jobs = new AtomicLong();
  private final AtomicLong tasks = new AtomicLong();
  private final Set<Integer> markerStages = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<Integer, CountDownLatch> markerJobs = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CountDownLatch> pending = new ConcurrentHashMap<>();
  private final AtomicLong markers = new AtomicLong();
  private long[] startTotals;
  private long startNanos;
  private long startProcessCpu;
  private long startJitMillis;

  private SlotMeter(SparkContext sc, int cores) {
    this.sc = sc;
    this.cores = cores;
  }

  /**
   * Creates a meter and registers it as a listener of {@code sc}.
   *
   * @param cores task slots to relate task time to (e.g. the default parallelism)
   * @throws IllegalArgumentException if {@code cores < 1}
   */
  public static SlotMeter attach(SparkContext sc, int cores) {
    if (cores < 1) throw new IllegalArgumentException("cores must be >= 1, got " + cores);
    SlotMeter m = new SlotMeter(sc, cores);
    sc.addSparkListener(m);
    return m;
  }

  /** Marks the start of a window, after every earlier task has been counted. */
  public synchronized void start() {
    flush();
    startTotals = totals();
    startProcessCpu = processCpuNanos();
    startJitMillis = jitMillis();
    startNanos = System.nanoTime();
  }

  /**
   * Marks the end of the window opened by {@link #start} and returns what happened in it.
   *
   * @throws IllegalStateException if no window is open
   */
  public synchronized Window stop() {
    long end = System.nanoTime();
    long processCpu = processCpuNanos();
    long jit = jitMillis();
    if (startTotals == null) throw new IllegalStateException("stop() without start()");
    flush();
    long[] now = totals();
    long[] d = new long[now.length];
    for (int i = 0; i < now.length; i++) d[i] = now[i] - startTotals[i];
    startTotals = null;
    double processCpuSeconds = processCpu < 0 || startProcessCpu < 0 ? Double.NaN
        : (processCpu - startProcessCpu) / 1e9;
    double jitSeconds = jit < 0 || startJitMillis < 0 ? Double.NaN : (jit - startJitMillis) / 1e3;
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return new Window((end - startNanos) / 1e9, cores, d[0] / 1e3, d[1] / 1e3, d[5] / 1e3, d[2] / 1e9,
        processCpuSeconds, jitSeconds, load, d[3], d[4]);
  }

  /** Total JIT compilation time of this JVM in milliseconds, or -1 if not reported. */
  private static long jitMillis() {
    CompilationMXBean c = ManagementFactory.getCompilationMXBean();
    return c != null && c.isCompilationTimeMonitoringSupported() ? c.getTotalCompilationTime() : -1;
  }

  /** CPU time of this JVM in nanoseconds, or -1 if the platform does not report it. */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Closes the meter: it stops listening. */
  public void detach() {
    sc.removeSparkListener(this);
  }

  private long[] totals() {
    return new long[] {taskMillis.get(), runMillis.get(), cpuNanos.get(), jobs.get(), tasks.get(),
        deserializeMillis.get()};
  }

  /** Runs a marker job and waits until the listener bus has delivered its end. */
  private void flush() {
    String token = "flush-" + markers.incrementAndGet();
    CountDownLatch done = new CountDownLatch(1);
    pending.put(token, done);
    String savedGroup = sc.getLocalProperty(GROUP_KEY);
    String savedDescription = sc.getLocalProperty(DESCRIPTION_KEY);
    try {
      sc.setLocalProperty(GROUP_KEY, MARKER_GROUP);
      sc.setLocalProperty(DESCRIPTION_KEY, token);
      JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1), 1).count();
    } finally {
      sc.setLocalProperty(GROUP_KEY, savedGroup);
      sc.setLocalProperty(DESCRIPTION_KEY, savedDescription);
    }
    try {
      if (!done.await(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the Spark listener bus did not deliver the marker job within "
            + FLUSH_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the listener bus", e);
    } finally {
      pending.remove(token);
    }
  }

  private static boolean isMarker(Properties p) {
    return p != null && MARKER_GROUP.equals(p.getProperty(GROUP_KEY));
  }

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    if (isMarker(e.properties())) {
      CountDownLatch latch = pending.get(e.properties().getProperty(DESCRIPTION_KEY));
      if (latch != null) markerJobs.put(e.jobId(), latch);
      return;
    }
    jobs.incrementAndGet();
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted e) {
    if (isMarker(e.properties())) markerStages.add(e.stageInfo().stageId());
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    CountDownLatch latch = markerJobs.remove(e.jobId());
    if (latch != null) latch.countDown();
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd e) {
    if (markerStages.contains(e.stageId())) return;
    TaskInfo info = e.taskInfo();
    if (info != null && info.finishTime() > 0) taskMillis.addAndGet(info.finishTime() - info.launchTime());
    TaskMetrics m = e.taskMetrics();
    if (m != null) {
      runMillis.addAndGet(m.executorRunTime());
      deserializeMillis.addAndGet(m.executorDeserializeTime());
      cpuNanos.addAndGet(m.executorCpuTime());
    }
    tasks.incrementAndGet();
  }
}
