package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quiet log setups (SparkSessions.quietLogs for the API, submit/lib.sh's file for submit/tune)
 * drop exactly the lines that echo sparktune's own cancels and the per-job large-binary warning,
 * and still let every other warning and error through. The messages are Spark 4.1's, as a
 * time-limited quickstart printed them (three 60-line traces from one stop).
 */
class QuietLogsTest {
  private static final String FIT = "org.apache.spark.ml.util.Instrumentation";
  private static final String TASKS = "org.apache.spark.scheduler.TaskSetManager";
  private static final String DAG = "org.apache.spark.scheduler.DAGScheduler";
  private static final String CANCELLED_FIT = "org.apache.spark.SparkException: [SPARK_JOB_CANCELLED] Job 203 cancelled "
      + "trial 0 cancelled SQLSTATE: XXKDA\n\tat org.apache.spark.scheduler.DAGScheduler.handleJobCancellation(DAGScheduler.scala:3091)\n";
  private static final String KILLED_TASK = "Lost task 0.0 in stage 107.0 (TID 90) (localhost executor driver): TaskKilled "
      + "(Stage cancelled: [SPARK_JOB_CANCELLED] Job 82 cancelled trial 2 cancelled SQLSTATE: XXKDA)";
  private static final String LARGE_BINARY = "Broadcasting large task binary with size 1043.2 KiB";

  @TempDir Path tmp;

  private static boolean logged(Configuration config, String logger, Level level, String message) {
    LoggerConfig lc = config.getLoggerConfig(logger);
    LogEvent e = Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(level)
        .setMessage(new SimpleMessage(message)).build();
    return level.isMoreSpecificThan(lc.getLevel()) && !lc.isFiltered(e);
  }

  private static void assertOnlyTheNoiseIsDropped(Configuration c) {
    assertFalse(logged(c, FIT, Level.ERROR, CANCELLED_FIT));
    assertFalse(logged(c, TASKS, Level.WARN, KILLED_TASK));
    assertFalse(logged(c, DAG, Level.WARN, LARGE_BINARY));
    // A fit that failed on its own, a task lost to a dead executor, other scheduler warnings: kept.
    assertTrue(logged(c, FIT, Level.ERROR, "java.lang.IllegalArgumentException: requirement failed: Nothing has been added"));
    assertTrue(logged(c, TASKS, Level.WARN, "Lost task 1.0 in stage 3.0 (TID 7): ExecutorLostFailure (executor 2 exited)"));
    assertTrue(logged(c, DAG, Level.WARN, "Failed to cancel job group sparktune-trial-3"));
    assertTrue(logged(c, "org.apache.spark.SparkContext", Level.WARN, "anything else"));
  }

  @Test
  void theProgrammaticSetupDropsOnlyTheNoise() {
    LoggerContext ctx = new LoggerContext("quiet-api");
    try {
      ctx.start(new DefaultConfiguration());
      // As quietLogs leaves it: warnings and errors (DefaultConfiguration alone keeps only errors).
      ctx.getConfiguration().getRootLogger().setLevel(Level.WARN);
      ctx.updateLoggers();
      SparkSessions.muteOwnNoise(ctx);
      assertOnlyTheNoiseIsDropped(ctx.getConfiguration());
    } finally {
      ctx.stop();
    }
  }

  @Test
  void submitTunesLogFileDropsOnlyTheSameNoise() throws Exception {
    Path project = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
    Process p = new ProcessBuilder("bash", "-c", "source submit/lib.sh && SPARKTUNE_TARGET=\"$1\" && st_quiet_log4j2", "-",
        tmp.toString()).directory(project.toFile()).redirectErrorStream(true).start();
    String file = new String(p.getInputStream().readAllBytes()).strip();
    assertEquals(0, p.waitFor(), file);
    // A context of its own: the test JVM's logging stays as it is.
    LoggerContext ctx = new LoggerContext("quiet-file");
    try {
      Configuration c = new PropertiesConfigurationFactory().getConfiguration(ctx,
          ConfigurationSource.fromUri(Path.of(file).toUri()));
      ctx.start(c);
      assertOnlyTheNoiseIsDropped(ctx.getConfiguration());
    } finally {
      ctx.stop();
    }
  }
}
