package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.util.List;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("spark")
class JobGroupsTest {
  @Test
  void jobsCarryTheGroupAndThreadPropertiesAreRestored() throws Exception {
    SparkContext sc = SparkTestSession.get().sparkContext();
    sc.setLocalProperty("spark.scheduler.pool", "outer");
    try {
      long n = JobGroups.call(sc, "sparktune-test-group", "a test job", () -> {
        assertEquals(JobGroups.POOL, sc.getLocalProperty("spark.scheduler.pool"));
        assertEquals("a test job", sc.getLocalProperty("spark.job.description"));
        return SparkTestSession.get().range(10).count();
      });
      assertEquals(10, n);
      assertTrue(sc.statusTracker().getJobIdsForGroup("sparktune-test-group").length >= 1);
      assertEquals("outer", sc.getLocalProperty("spark.scheduler.pool"));
      assertNull(sc.getLocalProperty("spark.jobGroup.id"));
      assertThrows(IllegalStateException.class, () -> JobGroups.call(sc, "g", "fails", () -> {
        throw new IllegalStateException("boom");
      }));
      assertNull(sc.getLocalProperty("spark.jobGroup.id"));
    } finally {
      sc.setLocalProperty("spark.scheduler.pool", null);
    }
  }

  @Test
  void aCancelledGroupIsNeverHandedOutAgain() {
    SparkContext sc = SparkTestSession.get().sparkContext();
    assertEquals("sparktune-test-cancel", JobGroups.usable("sparktune-test-cancel"));
    JobGroups.cancel(sc, "sparktune-test-cancel", "test");
    String retry = JobGroups.usable("sparktune-test-cancel");
    assertEquals("sparktune-test-cancel-retry1", retry);
    // the cancelled group really refuses new jobs, the fresh one runs them
    assertThrows(Exception.class, () -> JobGroups.call(sc, "sparktune-test-cancel", "refused",
        () -> SparkTestSession.get().range(5).count()));
    assertEquals(5L, JobGroups.run(sc, retry, "runs", () -> SparkTestSession.get().range(5).count()));
    assertTrue(List.of(JobGroups.forTrial(7)).contains("sparktune-trial-7"));
  }

  /**
   * Later jobs of a cancelled group fail even when they bypass {@link JobGroups#call}, as the
   * jobs of a fit already running do: Spark 4 refuses them, on 3.5 SparkCompat cancels each as it
   * starts. The job would otherwise take 4 s and succeed.
   */
  @Test
  void jobsSubmittedLaterUnderACancelledGroupAreCancelled() {
    SparkContext sc = SparkTestSession.get().sparkContext();
    String group = "sparktune-test-future-cancel";
    JobGroups.cancel(sc, group, "test");
    sc.setJobGroup(group, "submitted after the cancel", true);
    try {
      // Not timed (a busy machine stretches any bound): the job would succeed if it ran, so an
      // exception that says it was cancelled is the proof.
      Exception e = assertThrows(Exception.class, () -> SparkTestSession.get().range(0, 2, 1, 2)
          .foreach((org.apache.spark.api.java.function.ForeachFunction<Long>) x -> Thread.sleep(4000)));
      assertTrue(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("cancel"), e.toString());
    } finally {
      sc.clearJobGroup();
    }
  }
}
