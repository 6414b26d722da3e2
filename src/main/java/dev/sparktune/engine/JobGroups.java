package dev.sparktune.engine;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;

/**
 * Runs driver-side work under a Spark job group, description and FAIR scheduler pool, so the
 * Spark UI shows which trial and fold a job belongs to and a trial can be cancelled as a unit.
 *
 * <p>Spark keeps these as <em>thread-local</em> properties of the submitting thread. Threads of a
 * pool created earlier do not inherit them, so every task that reaches Spark from a pool thread
 * must go through {@link #call}; it also restores the thread's previous properties afterwards,
 * because pool threads are reused by the next trial.
 */
public final class JobGroups {
  /** The FAIR scheduler pool every sparktune job runs in ({@link SparkSessions} defines it). */
  public static final String POOL = "sparktune";

  // The local-property keys behind SparkContext.setJobGroup (SparkContext.SPARK_JOB_* constants,
  // which are private[spark]); restoring them by key is the only way to undo setJobGroup.
  private static final String GROUP = "spark.jobGroup.id";
  private static final String DESCRIPTION = "spark.job.description";
  private static final String INTERRUPT = "spark.job.interruptOnCancel";
  private static final String POOL_KEY = "spark.scheduler.pool";
  private static final String[] KEYS = {GROUP, DESCRIPTION, INTERRUPT, POOL_KEY};

  // Groups cancelled with cancelJobGroupAndFutureJobs stay cancelled for the SparkContext's life;
  // remembered JVM-wide (one SparkContext per JVM) so no objective reuses one by accident.
  private static final Set<String> CANCELLED = ConcurrentHashMap.newKeySet();

  private JobGroups() {}

  /** The job group of trial {@code trialNumber}: {@code sparktune-trial-<n>}. */
  public static String forTrial(int trialNumber) {
    return "sparktune-trial-" + trialNumber;
  }

  /**
   * {@code group} itself, or {@code group-retry<i>} if {@code group} was cancelled before in
   * this JVM: a cancelled group would fail every job submitted under it.
   */
  public static String usable(String group) {
    if (!CANCELLED.contains(group)) return group;
    for (int i = 1; ; i++) {
      String candidate = group + "-retry" + i;
      if (!CANCELLED.contains(candidate)) return candidate;
    }
  }

  /**
   * Runs {@code body} on the current thread with the given job group and description, in the
   * {@link #POOL} pool, with {@code interruptOnCancel} so cancelling the group also interrupts
   * running tasks. The thread's previous job properties are restored afterwards, also on failure.
   */
  public static <T> T call(SparkContext sc, String group, String description, Callable<T> body)
      throws Exception {
    // Refused here, not at Spark's first job: the same on every Spark line (3.5 cancels later jobs
    // of a group only as they start, see SparkCompat), and no work of the body runs at all.
    if (CANCELLED.contains(group)) {
      throw new SparkException("job group " + group + " was cancelled; it refuses new jobs");
    }
    String[] saved = new String[KEYS.length];
    for (int i = 0; i < KEYS.length; i++) saved[i] = sc.getLocalProperty(KEYS[i]);
    sc.setJobGroup(group, description, true);
    sc.setLocalProperty(POOL_KEY, POOL);
    try {
      return body.call();
    } finally {
      // setLocalProperty(key, null) removes the key, which is what "previously unset" means.
      for (int i = 0; i < KEYS.length; i++) sc.setLocalProperty(KEYS[i], saved[i]);
    }
  }

  /** {@link #call} for work that throws no checked exception. */
  public static <T> T run(SparkContext sc, String group, String description,
      java.util.function.Supplier<T> body) {
    try {
      return call(sc, group, description, body::get);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Cancels the running jobs of {@code group} and every job later submitted under it.
   *
   * <p>Plain {@code cancelJobGroup} is not enough for MLlib: a fit is a chain of jobs with
   * driver-side work in between (an L-BFGS step, split selection), and a cancel that lands
   * between two jobs would cancel nothing, letting the fit run on. The group stays cancelled for
   * the life of the SparkContext; {@link #usable} hands out a fresh name for a later run.
   */
  public static void cancel(SparkContext sc, String group, String reason) {
    CANCELLED.add(group);
    SparkCompat.cancelJobGroupAndFutureJobs(sc, group, reason);
  }
}
