package dev.sparktune.engine;

import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.TrialCost;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What Spark spends on each trial, per fold: a listener that reads every job's and stage's job
 * group ({@link JobGroups#forTrial}, with or without a {@code -retry<i>} suffix) and description
 * ({@code trial <n> fold <f>/<k> …}) and sums the task metrics of each trial and fold. The Spark
 * UI shows job groups, but no totals per trial.
 *
 * <p>It listens on a queue of its own ({@value #QUEUE}), so its events are not stuck behind the
 * UI's and its drops are its own. When that queue is full Spark drops events rather than block the
 * scheduler; {@link #take} then marks the cost incomplete instead of passing short sums as true.
 */
public final class TrialCosts extends SparkListener implements AutoCloseable {
  /** The listener-bus queue it runs on; its capacity is {@code spark.scheduler.listenerbus.eventqueue.sparktune.capacity}. */
  public static final String QUEUE = "sparktune";

  private static final Pattern GROUP = Pattern.compile("sparktune-trial-(\\d+)(-retry\\d+)?");
  private static final Pattern FOLD = Pattern.compile("^trial \\d+ fold (\\d+)/\\d+");

  private record Key(int trial, int fold) {}

  private final Map<Integer, Key> stages = new ConcurrentHashMap<>();
  private final Map<Key, SparkCost> costs = new ConcurrentHashMap<>();
  // Drop count when each trial's first job started: more drops by take() mean its sums may be short.
  private final Map<Integer, Long> dropsAtStart = new ConcurrentHashMap<>();
  private final LongSupplier drops;
  private final Drain drain;
  private Runnable detach = () -> {};

  /** Waits until the listener has heard everything posted so far. */
  @FunctionalInterface
  interface Drain {
    void await() throws TimeoutException;
  }

  TrialCosts(LongSupplier drops, Drain drain) {
    this.drops = drops;
    this.drain = drain;
  }

  /** A listener on {@code sc}'s bus, in its own queue. */
  public static TrialCosts attach(SparkContext sc) {
    var bus = sc.listenerBus();
    TrialCosts costs = new TrialCosts(
        // Spark's own counter of events the queue dropped (its "Dropped events" warning counts the same).
        () -> bus.metrics().metricRegistry().counter("queue." + QUEUE + ".numDroppedEvents").getCount(),
        () -> bus.waitUntilEmpty(10_000));
    bus.addToQueue(costs, QUEUE);
    costs.detach = () -> sc.removeSparkListener(costs);
    return costs;
  }

  /** Stops listening (a JVM that runs several studies on one SparkContext keeps one listener per study otherwise). */
  @Override
  public void close() {
    detach.run();
  }

  /**
   * What trial {@code number} spent so far, once every event posted before this call has been
   * heard, and forgets it (a rerun of the trial starts from zero). Empty folds when it ran no job.
   */
  public TrialCost take(int number) {
    boolean heard = true;
    try {
      drain.await();
    } catch (TimeoutException e) {
      heard = false;
    }
    Map<Integer, SparkCost> folds = new TreeMap<>();
    for (var it = costs.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey().trial() == number) {
        folds.put(e.getKey().fold(), e.getValue());
        it.remove();
      }
    }
    stages.values().removeIf(k -> k.trial() == number);
    Long before = dropsAtStart.remove(number);
    boolean dropped = before != null && drops.getAsLong() > before;
    return new TrialCost(folds, heard && !dropped);
  }

  /**
   * The executor CPU seconds trial {@code number} has spent so far, once every event posted
   * before this call has been heard; unlike {@link #take} it forgets nothing. NaN if the listener
   * could not catch up in time (a short sum would pass for a cheap trial).
   */
  public double cpuSeconds(int number) {
    try {
      drain.await();
    } catch (TimeoutException e) {
      return Double.NaN;
    }
    long ms = 0;
    for (var e : costs.entrySet()) if (e.getKey().trial() == number) ms += e.getValue().cpuMs();
    return ms / 1000.0;
  }

  @Override
  public void onJobStart(SparkListenerJobStart job) {
    Key k = key(job.properties());
    if (k == null) return;
    dropsAtStart.putIfAbsent(k.trial(), drops.getAsLong());
    add(k, new SparkCost(1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Override
  public void onStageSubmitted(SparkListenerStageSubmitted stage) {
    Key k = key(stage.properties());
    if (k != null) stages.put(stage.stageInfo().stageId(), k);
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd task) {
    Key k = stages.get(task.stageId());
    TaskMetrics m = task.taskMetrics();
    if (k == null || m == null) return;
    add(k, new SparkCost(0, 1, m.executorRunTime(), m.executorCpuTime() / 1_000_000, m.jvmGCTime(),
        m.shuffleReadMetrics().totalBytesRead(), m.shuffleWriteMetrics().bytesWritten(), m.memoryBytesSpilled(),
        m.diskBytesSpilled(), m.peakExecutionMemory()));
  }

  private void add(Key k, SparkCost c) {
    costs.merge(k, c, SparkCost::plus);
  }

  /** The trial and fold of a job or stage from its properties; null for work of no trial. */
  static Key key(Properties p) {
    if (p == null) return null;
    String group = p.getProperty("spark.jobGroup.id");
    if (group == null) return null;
    Matcher g = GROUP.matcher(group);
    if (!g.matches()) return null;
    String description = p.getProperty("spark.job.description", "");
    Matcher f = FOLD.matcher(description);
    int fold = f.find() ? Integer.parseInt(f.group(1)) - 1 : TrialCost.OTHER;
    return new Key(Integer.parseInt(g.group(1)), fold);
  }
}
