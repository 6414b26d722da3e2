package dev.sparktune.testing;

import dev.sparktune.engine.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: {@code local[2]}, no UI, 4 shuffle partitions, FAIR
 * scheduling as in production. Created on first use and never stopped by a test class (starting
 * Spark costs seconds; the JVM's exit stops it), so every Spark test shares it. Tests that use it
 * are tagged {@code @Tag("spark")}.
 */
public final class SparkTestSession {
  private static SparkSession session;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      SparkConf conf = new SparkConf()
          .setMaster("local[2]")
          .setAppName("sparktune-tests")
          .set("spark.sql.shuffle.partitions", "4")
          .set("spark.ui.enabled", "false")
          // Loopback only: tests must not depend on the machine's network name.
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
      SparkSessions.applyDefaults(conf, false);
      session = SparkSession.builder().config(conf).getOrCreate();
    }
    return session;
  }

  /** Absolute path of a file under {@code notebooks-data/}, e.g. {@code spambase/spambase.libsvm}. */
  public static String data(String relative) {
    Path p = Path.of(System.getProperty("sparktune.project.dir", "."), "notebooks-data", relative);
    if (!Files.exists(p)) throw new IllegalStateException("test data missing: " + p.toAbsolutePath());
    return p.toAbsolutePath().toString();
  }
}
