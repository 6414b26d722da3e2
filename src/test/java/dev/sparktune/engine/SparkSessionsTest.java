package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/** Pure parts of the session setup; no Spark started. */
class SparkSessionsTest {
  @Test
  void parallelismOversubscribesTheCores() {
    // single-partition folds: 4 tasks per core
    assertEquals(3, SparkSessions.parallelismAuto(2, 3, 1));    // ceil(8 / 3)
    assertEquals(2, SparkSessions.parallelismAuto(2, 5, 1));    // ceil(8 / 5)
    assertEquals(7, SparkSessions.parallelismAuto(8, 5, 1));    // ceil(32 / 5)
    assertEquals(64, SparkSessions.parallelismAuto(16, 1, 1));
    // larger folds: 2 tasks per core
    assertEquals(4, SparkSessions.parallelismAuto(64, 5, 8));   // ceil(128 / 40)
    assertEquals(1, SparkSessions.parallelismAuto(8, 5, 8));    // 40 tasks already cover 8 cores
    assertThrows(IllegalArgumentException.class, () -> SparkSessions.parallelismAuto(0, 3, 1));
  }

  @Test
  void dynamicAllocationGetsShuffleTrackingAndReleasesCachedExecutorsUnlessTheUserSaidOtherwise() {
    SparkConf off = new SparkConf(false);
    SparkSessions.dynamicAllocationDefaults(off);
    assertEquals(0, off.getAll().length, "nothing added without dynamic allocation");

    SparkConf on = new SparkConf(false).set("spark.dynamicAllocation.enabled", "true");
    SparkSessions.dynamicAllocationDefaults(on);
    assertEquals("true", on.get("spark.dynamicAllocation.shuffleTracking.enabled"));
    assertEquals(SparkSessions.CACHED_EXECUTOR_IDLE_TIMEOUT, on.get("spark.dynamicAllocation.cachedExecutorIdleTimeout"));

    SparkConf service = new SparkConf(false).set("spark.dynamicAllocation.enabled", "true")
        .set("spark.shuffle.service.enabled", "true").set("spark.dynamicAllocation.cachedExecutorIdleTimeout", "infinity");
    SparkSessions.dynamicAllocationDefaults(service);
    assertEquals(false, service.contains("spark.dynamicAllocation.shuffleTracking.enabled"), "the shuffle service keeps files");
    assertEquals("infinity", service.get("spark.dynamicAllocation.cachedExecutorIdleTimeout"), "asked to pin: pinned");
  }

  @Test
  void defaultsAddFairPoolsButRespectTheUser() throws Exception {
    SparkConf conf = SparkSessions.applyDefaults(new SparkConf(false), false);
    assertEquals("FAIR", conf.get("spark.scheduler.mode"));
    assertEquals("false", conf.get("spark.ui.enabled"));
    assertEquals("false", conf.get("spark.ui.showConsoleProgress"));
    String file = conf.get("spark.scheduler.allocation.file");
    assertTrue(file.startsWith("file:"), file);
    String xml = Files.readString(Path.of(java.net.URI.create(file)));
    assertTrue(xml.contains("<pool name=\"sparktune\">") && xml.contains("<schedulingMode>FAIR</schedulingMode>"), xml);

    SparkConf user = new SparkConf(false).set("spark.scheduler.mode", "FIFO")
        .set("spark.scheduler.allocation.file", "hdfs:///pools.xml").set("spark.ui.enabled", "true");
    SparkSessions.applyDefaults(user, false);
    assertEquals("FIFO", user.get("spark.scheduler.mode"));
    assertEquals("hdfs:///pools.xml", user.get("spark.scheduler.allocation.file"));
    assertEquals("true", user.get("spark.ui.enabled"));
    assertEquals("true", SparkSessions.applyDefaults(new SparkConf(false), true).get("spark.ui.enabled"));
  }
}
