package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.TrialCost;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("spark")
class TrialCostsTest {
  @Test
  void sumsEachTrialsTasksPerFoldFromItsJobGroupAndNothingElse() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SparkContext sc = spark.sparkContext();
    try (TrialCosts costs = TrialCosts.attach(sc)) {
      // fold 2 of trial 901: a shuffle (groupBy) over 4 partitions, so tasks, shuffle bytes and run time show up
      JobGroups.call(sc, JobGroups.forTrial(901), "trial 901 fold 2/3 full", () ->
          spark.range(0, 20_000, 1, 4).selectExpr("id % 7 as k").groupBy("k").count().collectAsList());
      // fold 1 under a retried group name still counts for trial 901
      JobGroups.call(sc, JobGroups.forTrial(901) + "-retry1", "trial 901 fold 1/3 full", () -> spark.range(0, 100, 1, 2).count());
      // another trial and work outside any trial are not trial 901's
      JobGroups.call(sc, JobGroups.forTrial(902), "trial 902 fold 1/3 full", () -> spark.range(0, 100, 1, 3).count());
      spark.range(0, 100, 1, 5).count();

      TrialCost c = costs.take(901);
      assertTrue(c.complete());
      assertEquals(java.util.Set.of(0, 1), c.folds().keySet(), c.toString());
      SparkCost fold2 = c.folds().get(1);
      assertTrue(fold2.jobs() >= 1, fold2.toString());
      assertTrue(fold2.tasks() >= 4, fold2.toString());
      assertTrue(fold2.shuffleWriteBytes() > 0 && fold2.shuffleReadBytes() > 0, fold2.toString());
      assertTrue(fold2.runMs() >= fold2.gcMs(), fold2.toString());
      assertTrue(c.folds().get(0).tasks() >= 2, c.toString());
      assertEquals(c.folds().get(0).tasks() + fold2.tasks(), c.total().tasks());
      // taken once: a rerun of the trial starts from zero
      assertTrue(costs.take(901).folds().isEmpty());
      assertTrue(costs.take(902).total().tasks() >= 3);
    }
  }

  @Test
  void eventsDroppedWhileATrialRanMakeItsCostIncomplete() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SparkContext sc = spark.sparkContext();
    AtomicLong dropped = new AtomicLong(5);
    // Spark's drop counter replaced by one the test moves; everything else is the real bus.
    TrialCosts costs = new TrialCosts(dropped::get, () -> sc.listenerBus().waitUntilEmpty(10_000));
    sc.addSparkListener(costs);
    try {
      JobGroups.call(sc, JobGroups.forTrial(903), "trial 903 fold 1/2 full", () -> spark.range(0, 100, 1, 2).count());
      JobGroups.call(sc, JobGroups.forTrial(904), "trial 904 fold 1/2 full", () -> spark.range(0, 100, 1, 2).count());
      sc.listenerBus().waitUntilEmpty(10_000);
      dropped.addAndGet(3);
      assertFalse(costs.take(903).complete(), "drops after trial 903 started");
      JobGroups.call(sc, JobGroups.forTrial(905), "trial 905 fold 1/2 full", () -> spark.range(0, 100, 1, 2).count());
      assertTrue(costs.take(905).complete(), "no drop since trial 905 started");
    } finally {
      sc.removeSparkListener(costs);
    }
  }

  @Test
  void aQueueThatOverflowsDropsEventsAndTheCostSaysSo() throws Exception {
    SparkSession spark = SparkTestSession.get();
    SparkContext sc = spark.sparkContext();
    String capacity = "spark.scheduler.listenerbus.eventqueue." + TrialCosts.QUEUE + ".capacity";
    // A real overflow: our queue (created anew by attach, as no other listener is on it) holds one
    // event, and a slow listener beside ours keeps it full, so Spark drops and counts the rest.
    sc.conf().set(capacity, "1");
    org.apache.spark.scheduler.SparkListener slow = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException x) {
          Thread.currentThread().interrupt();
        }
      }
    };
    try (TrialCosts costs = TrialCosts.attach(sc)) {
      sc.listenerBus().addToQueue(slow, TrialCosts.QUEUE);
      JobGroups.call(sc, JobGroups.forTrial(906), "trial 906 fold 1/2 full", () -> spark.range(0, 1000, 1, 40).count());
      TrialCost c = costs.take(906);
      assertFalse(c.complete(), "events were dropped: " + c);
      assertTrue(sc.listenerBus().metrics().metricRegistry().counter("queue." + TrialCosts.QUEUE + ".numDroppedEvents")
          .getCount() > 0);
    } finally {
      sc.removeSparkListener(slow);
      sc.conf().remove(capacity);
    }
  }

  @Test
  void sparksOwnDropCounterForOurQueueIsReadable() {
    // The name attach() reads: if a Spark upgrade renamed it, the counter would be a fresh 0 forever.
    SparkContext sc = SparkTestSession.get().sparkContext();
    try (TrialCosts costs = TrialCosts.attach(sc)) {
      assertTrue(sc.listenerBus().metrics().metricRegistry().getCounters()
          .containsKey("queue." + TrialCosts.QUEUE + ".numDroppedEvents"),
          sc.listenerBus().metrics().metricRegistry().getCounters().keySet().toString());
    }
  }
}
