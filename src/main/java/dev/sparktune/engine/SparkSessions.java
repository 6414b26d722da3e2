package dev.sparktune.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.core.filter.RegexFilter;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of the command line tool and sizes its concurrency.
 *
 * <p>Under {@code spark-submit} the master and everything the user passed with {@code --conf}
 * arrive as {@code spark.*} system properties, which {@link SparkConf} reads; this class only
 * fills in what is missing: {@code local[*]} when no master is set, FAIR scheduling with a
 * {@value JobGroups#POOL} pool so concurrent trials share executors instead of queueing behind
 * each other, no console progress bar, no UI unless asked, and quiet Spark logging.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * Gets the running session or creates one with sparktune's defaults (see the class comment).
   * An existing session is returned as is: Spark ignores static settings once it runs.
   */
  public static SparkSession getOrCreate(String appName, boolean ui) {
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.log.level")) quietLogs();
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    // Spark's 200 shuffle partitions turn a small aggregation into 200 tiny tasks on a laptop
    // (and into 200 cached blocks when the shuffle's output is cached, which adaptive execution
    // does not coalesce). Also when submit/tune passed the local master to spark-submit.
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.sql.shuffle.partitions",
          String.valueOf(2 * Runtime.getRuntime().availableProcessors()));
    }
    conf.setIfMissing("spark.app.name", appName);
    applyDefaults(conf, ui);
    dynamicAllocationDefaults(conf);
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * The settings shared by the CLI session and the test session: FAIR mode with a pool file
   * (unless the user brought one), no progress bar, UI only if asked.
   */
  public static SparkConf applyDefaults(SparkConf conf, boolean ui) {
    conf.setIfMissing("spark.scheduler.mode", "FAIR");
    if (!conf.contains("spark.scheduler.allocation.file")) {
      conf.set("spark.scheduler.allocation.file", poolFile().toUri().toString());
    }
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (ui) {
      conf.set("spark.ui.enabled", "true");
    } else {
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    return conf;
  }

  /**
   * With dynamic allocation on, what a study needs that Spark does not default to: shuffle
   * tracking when there is no external shuffle service (else Spark refuses to start, or never
   * releases an executor), and an idle timeout for executors that hold cached blocks — the folds
   * are cached, and by default ({@code cachedExecutorIdleTimeout = infinity}) that pins every
   * executor that ever held one for the whole study. A released executor's fold blocks are
   * recomputed from their lineage where needed. Whatever the user set wins.
   */
  static void dynamicAllocationDefaults(SparkConf conf) {
    if (!conf.getBoolean("spark.dynamicAllocation.enabled", false)) return;
    if (!conf.getBoolean("spark.shuffle.service.enabled", false)) {
      conf.setIfMissing("spark.dynamicAllocation.shuffleTracking.enabled", "true");
    }
    conf.setIfMissing("spark.dynamicAllocation.cachedExecutorIdleTimeout", CACHED_EXECUTOR_IDLE_TIMEOUT);
  }

  /** How long an idle executor may keep cached fold blocks under dynamic allocation. */
  public static final String CACHED_EXECUTOR_IDLE_TIMEOUT = "10min";

  /**
   * Writes a FAIR allocation file that declares the {@value JobGroups#POOL} pool as FAIR
   * <em>inside</em>: a pool Spark creates on the fly is FIFO inside, so the first trial's jobs
   * would always run before the second's and concurrent trials would not overlap at all.
   * {@link #applyDefaults} passes it as a {@code file:} URI so a default FS of HDFS does not
   * redirect the driver to a path that only exists locally.
   */
  public static Path poolFile() {
    String xml = "<?xml version=\"1.0\"?>\n<allocations>\n"
        + "  <pool name=\"" + JobGroups.POOL + "\">\n"
        + "    <schedulingMode>FAIR</schedulingMode>\n"
        + "    <weight>1</weight>\n"
        + "    <minShare>0</minShare>\n"
        + "  </pool>\n</allocations>\n";
    try {
      Path file = Files.createTempFile("sparktune-pools", ".xml");
      Files.writeString(file, xml, StandardCharsets.UTF_8);
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the FAIR scheduler pool file", e);
    }
  }

  /**
   * Sets Spark's logging to WARN (sparktune's own to INFO). Left alone when the user configured
   * log4j2 themselves. When nothing is configured yet we install a small configuration before
   * Spark starts: Spark then sees a configured log4j2 and skips its INFO-level default profile,
   * so even the start-up chatter is quiet. Does nothing if log4j2-core is not the backend.
   */
  public static void quietLogs() {
    try {
      LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
      var current = ctx.getConfiguration();
      String source = String.valueOf(current.getConfigurationSource().getLocation());
      if (current instanceof DefaultConfiguration) {
        ConfigurationBuilder<BuiltConfiguration> b = ConfigurationBuilderFactory.newConfigurationBuilder();
        b.add(b.newAppender("stderr", "Console")
            .addAttribute("target", ConsoleAppender.Target.SYSTEM_ERR)
            .add(b.newLayout("PatternLayout").addAttribute("pattern", "%d{HH:mm:ss} %p %c{1}: %m%n")));
        b.add(b.newRootLogger(Level.WARN).add(b.newAppenderRef("stderr")));
        b.add(b.newLogger("dev.sparktune", Level.INFO));
        // Expected on most machines and says nothing actionable.
        b.add(b.newLogger("org.apache.hadoop.util.NativeCodeLoader", Level.ERROR));
        Configurator.reconfigure(b.build());
        muteOwnNoise((LoggerContext) LogManager.getContext(false));
      } else if (source.contains("org/apache/spark/log4j2")) {
        // Spark logged first (spark-submit does) and loaded its own INFO profile (plain or JSON
        // layout): turn that down, keep the rest.
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("dev.sparktune", Level.INFO);
        muteOwnNoise(ctx);
      }
    } catch (NoClassDefFoundError | ClassCastException e) {
      // Another logging backend (e.g. a cluster's logback): its configuration is the user's.
    }
  }

  /**
   * Spark log lines that only echo what sparktune did on purpose, by logger and message pattern
   * (submit/lib.sh's quiet setup has the same): MLlib's full stack trace for every fit whose jobs
   * sparktune cancelled and a warning for every task those cancels killed (a pruned, timed-out
   * or stopped trial; each is recorded with its reason), and the scheduler's warning for every
   * job of a large model, which no user can act on.
   */
  static final String[][] OWN_NOISE = {
      {"org.apache.spark.ml.util.Instrumentation", "(?s).*SPARK_JOB_CANCELLED.*"},
      {"org.apache.spark.scheduler.TaskSetManager", "(?s)Lost task .*SPARK_JOB_CANCELLED.*"},
      {"org.apache.spark.scheduler.DAGScheduler", "(?s)Broadcasting large task binary.*"}};

  static void muteOwnNoise(LoggerContext ctx) {
    try {
      var config = ctx.getConfiguration();
      for (String[] noise : OWN_NOISE) {
        LoggerConfig lc = config.getLoggerConfig(noise[0]);
        if (!lc.getName().equals(noise[0])) {
          // A level of null inherits the parent's; additive, so it logs through the parent's appenders.
          lc = new LoggerConfig(noise[0], null, true);
          config.addLogger(noise[0], lc);
        }
        lc.addFilter(RegexFilter.createFilter(noise[1], null, false, Filter.Result.DENY, Filter.Result.NEUTRAL));
      }
      ctx.updateLoggers();
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Cores available to tasks: the local thread count, or the sum of executor cores on a cluster. */
  public static int cores(SparkSession spark) {
    return Math.max(1, spark.sparkContext().defaultParallelism());
  }

  /**
   * Trials to run at once so that every core stays busy:
   * {@code max(1, ceil(f · cores / (folds · partitionsPerFold)))}, with an oversubscription
   * factor {@code f = 4} when each fold fits in one partition and {@code f = 2} otherwise.
   *
   * <p>Why: one trial fits its folds concurrently, and each fit's jobs run one task per
   * partition, so a trial offers {@code folds · partitionsPerFold} tasks at a time. But an MLlib
   * fit alternates short cluster jobs with driver-side work (an L-BFGS step, choosing tree
   * splits, scheduling the next job), during which its tasks are gone and cores idle, so the
   * formula offers more tasks than cores and lets the FAIR pool share the slots. How much more
   * depends on how short the tasks are. Measured on local[2] with spambase (3 folds, one
   * partition each; task-slot utilisation by parallelism 1/2/3/4/6): logistic regression
   * 0.42/0.66/0.75/0.84/0.88, gradient-boosted trees 0.58/0.84/1.0/1.0/1.0. Single-partition
   * folds have millisecond tasks that leave most of each job to the driver, so they take f = 4
   * (3 trials there); with larger partitions task time dominates the gaps, and every extra
   * concurrent fit also holds its own copy of MLlib's per-fit caches, so f = 2.
   *
   * @throws IllegalArgumentException if any argument is below 1
   */
  public static int parallelismAuto(int cores, int folds, int partitionsPerFold) {
    if (cores < 1 || folds < 1 || partitionsPerFold < 1) {
      throw new IllegalArgumentException("cores, folds and partitionsPerFold must be >= 1, got "
          + cores + ", " + folds + ", " + partitionsPerFold);
    }
    long factor = partitionsPerFold == 1 ? 4 : 2;
    long tasksPerTrial = (long) folds * partitionsPerFold;
    return (int) Math.max(1, (factor * cores + tasksPerTrial - 1) / tasksPerTrial);
  }

  /** {@link #parallelismAuto(int, int, int)} with the cores of {@code spark}. */
  public static int parallelismAuto(SparkSession spark, int folds, int partitionsPerFold) {
    return parallelismAuto(cores(spark), folds, partitionsPerFold);
  }
}
