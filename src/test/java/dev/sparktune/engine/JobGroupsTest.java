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
}
