package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 8: a crash does not change the answer. An ASHA study of a random forest on a
 * numTrees budget (2 → 6 → 18 trees, forests grown) is run once uninterrupted, in this JVM, and
 * once as a driver JVM that is SIGKILLed twice (after its 2nd, then its 3rd finished trial) and
 * then resumed here. The resumed study must end with the same trials (configurations, rungs,
 * budgets, states), every fold's score and the best equal to the last digit, although the kills
 * took the kept forests of the dead drivers with them.
 */
@Tag("spark")
class ForestResumeTest {
  /** Finished trials after which the first and the second driver are killed. */
  private static final int[] KILL_AFTER = {2, 3};

  @TempDir Path dir;

  private static List<String> args(Path out) {
    return List.of(
        "sparktune.name=forest-resume",
        "sparktune.data.path=" + SparkTestSession.data("sklearn_breast_cancer/breast_cancer.csv"),
        "sparktune.data.format=csv",
        "sparktune.data.label=target",
        "sparktune.model.estimator=random-forest-classifier",
        "sparktune.model.fixed.seed=7",
        "sparktune.space.maxDepth={type=int, low=2, high=6}",
        "sparktune.space.subsamplingRate={type=float, low=0.5, high=1.0}",
        "sparktune.metric=areaUnderROC",
        "sparktune.cv.folds=2",
        "sparktune.schedule.type=asha",
        "sparktune.schedule.budget={kind=param, param=numTrees, min=2, max=18, grow-forests=true}",
        "sparktune.schedule.eta=3",
        "sparktune.search.sampler=random",
        "sparktune.search.seed=11",
        "sparktune.search.trials=6",
        // One trial at a time: with more, ASHA's decisions follow the order trials happen to
        // finish in, and not even two uninterrupted runs would agree.
        "sparktune.search.parallelism=1",
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out.toUri());
  }

  @Test
  void aForestStudyKilledTwiceEndsWithTheScoresOfAnUninterruptedOne() throws Exception {
    SparkTestSession.get();
    long t0 = System.nanoTime();
    Path whole = dir.resolve("whole");
    MainRun uninterrupted = MainRun.of(args(whole));
    assertEquals(0, uninterrupted.code(), uninterrupted.toString());

    Path killed = dir.resolve("killed");
    List<String> log = new ArrayList<>();
    long t1 = System.nanoTime();
    for (int after : KILL_AFTER) killAfter(killed, after, log);
    long t2 = System.nanoTime();
    MainRun resumed = MainRun.of(args(killed));
    System.out.printf("ForestResumeTest: uninterrupted %.0f s, killed drivers %.0f s, resumed %.0f s%n", (t1 - t0) / 1e9,
        (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);
    assertEquals(0, resumed.code(), resumed + "\nkilled runs:\n" + String.join("\n", log));

    // The kills must have cost something: a promotion whose parent was fitted by a dead driver.
    List<JournalEvent> events = journal(killed).replay();
    assertEquals(3, events.stream().filter(e -> e instanceof JournalEvent.Opened).count(), "three runs");
    List<Trial> trials = JournalTrialStore.open(journal(killed)).trials();
    Map<Integer, Integer> createdIn = new HashMap<>();
    Map<Integer, Integer> finishedIn = new HashMap<>();
    int run = 0;
    for (JournalEvent e : events) {
      if (e instanceof JournalEvent.Opened) run++;
      if (e instanceof JournalEvent.Created c) createdIn.put(c.number(), run);
      if (e instanceof JournalEvent.Restarted r) createdIn.put(r.number(), run);
      if (e instanceof JournalEvent.Finished f) finishedIn.put(f.number(), run);
    }
    assertTrue(trials.stream().anyMatch(t -> !t.lineage().isRoot()
            && createdIn.get(t.number()) > finishedIn.get(t.lineage().parent())),
        "some promotion ran in a later driver than its parent: " + createdIn + " " + finishedIn);

    List<String> expected = describe(JournalTrialStore.open(journal(whole)).trials());
    assertTrue(expected.stream().anyMatch(s -> s.contains("numTrees=18")), "someone reached 18 trees: " + expected);
    assertEquals(String.join("\n", expected), String.join("\n", describe(trials)),
        "trials, budgets and every fold's score");
    assertEquals(best(whole), best(killed), "best.json");
  }

  /** Runs the study in a driver JVM of its own and SIGKILLs it after {@code after} finished trials. */
  private void killAfter(Path out, int after, List<String> log) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(System.getProperty("java.home") + "/bin/java");
    // The --add-opens Spark needs on Java 17, as this JVM got them; not its heap size.
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--") || a.startsWith("-XX:+Ignore") || a.startsWith("-Dio.netty") || a.startsWith("-Djdk")) cmd.add(a);
    }
    // A short-lived driver: the C1 compiler and a serial collector spend far less CPU on startup.
    cmd.addAll(List.of("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        // The test session's settings, so the folds are partitioned as in this JVM.
        "-Dspark.master=local[2]", "-Dspark.sql.shuffle.partitions=4", "-Dspark.ui.enabled=false",
        "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", Main.class.getName()));
    cmd.addAll(args(out));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    int finished = 0;
    boolean killed = false;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        log.add(line);
        if (line.startsWith("trial ") && ++finished == after) {
          child.destroyForcibly();   // SIGKILL: the driver's kept forests die with it
          killed = true;
          break;
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the driver did not end");
    assertTrue(killed, "the driver ended before its trial " + after + ":\n" + String.join("\n", log));
  }

  private static Journal journal(Path out) {
    return new Journal(new HadoopJournalBackend(out.resolve("journal").toString(), new Configuration()), 32, w -> {});
  }

  /** What must not depend on a crash: everything but times. Doubles in full (Double.toString round-trips). */
  private static List<String> describe(List<Trial> trials) {
    List<String> out = new ArrayList<>();
    for (Trial t : trials) {
      String result = t.outcome().map(o -> o instanceof Outcome.Completed c ? c.value() + " " + c.folds()
          : o instanceof Outcome.Pruned p ? "pruned " + p.folds() : o.toString()).orElse("none");
      out.add(t.number() + " " + t.state() + " " + t.lineage() + " " + t.budget().label() + " " + t.assignment().values()
          + " " + result);
    }
    return out;
  }

  private static String best(Path out) throws Exception {
    JsonNode b = new ObjectMapper().readTree(out.resolve("best.json").toFile());
    StringBuilder s = new StringBuilder();
    for (String k : List.of("best_trial", "best_config", "best_rung", "best_budget", "best_params", "cv_mean", "cv_std",
        "cv_folds", "counts")) {
      s.append(k).append('=').append(b.get(k)).append('\n');
    }
    return s.toString();
  }
}
