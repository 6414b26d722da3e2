package dev.sparktune.store.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill test without Spark: a child JVM runs an ASHA study over a journal and is killed
 * with SIGKILL after a random number of finished trials, again and again, and resumed each time.
 * At the end every trial was created once and finished once, nothing completed ran twice, the
 * configuration count reached its target, and every promotion sits on a completed parent one rung
 * below. (Seconds, not minutes: the study is analytic and each child JVM needs no Spark.)
 */
class KillAndResumeTest {
  private static final int KILLS = 5;
  @TempDir Path dir;

  @Test
  void aStudyKilledFiveTimesEndsAsIfNothingHappened() throws Exception {
    String journal = dir.resolve("journal").toString();
    Random random = new Random(17);
    int kills = 0;
    int runs = 0;
    List<String> log = new ArrayList<>();
    while (true) {
      Process child = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-cp",
          System.getProperty("java.class.path"), KilledStudy.class.getName(), journal).redirectErrorStream(true).start();
      runs++;
      int killAfter = kills < KILLS ? 1 + random.nextInt(6) : Integer.MAX_VALUE;
      int finished = 0;
      boolean killed = false;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          log.add(runs + ": " + line);
          if (line.startsWith("finished ") && ++finished == killAfter) {
            child.destroyForcibly();   // SIGKILL: no shutdown hooks, no flushing
            killed = true;
            break;
          }
        }
      }
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not end");
      if (killed) {
        kills++;
      } else {
        assertEquals(0, child.exitValue(), String.join("\n", log));
        if (kills >= KILLS) break;
      }
      assertTrue(runs < 40, "no progress: " + String.join("\n", log));
    }

    List<String> warnings = new ArrayList<>();
    Journal j = new Journal(new HadoopJournalBackend(journal, new Configuration()), 4, warnings::add);
    List<JournalEvent> events = j.replay();
    Map<Integer, Integer> created = new HashMap<>();
    Map<Integer, Integer> finishedOnce = new HashMap<>();
    int restarted = 0;
    int opened = 0;
    for (JournalEvent e : events) {
      if (e instanceof JournalEvent.Created c) created.merge(c.number(), 1, Integer::sum);
      if (e instanceof JournalEvent.Finished f) finishedOnce.merge(f.number(), 1, Integer::sum);
      if (e instanceof JournalEvent.Restarted r) {
        restarted++;
        assertTrue(!finishedOnce.containsKey(r.number()), "trial " + r.number() + " restarted after it finished");
      }
      if (e instanceof JournalEvent.Opened) opened++;
    }
    assertEquals(runs, opened, "every run opened the study once");
    assertTrue(created.values().stream().allMatch(n -> n == 1), "each number created once: " + created);
    assertTrue(finishedOnce.values().stream().allMatch(n -> n == 1), "no finished trial ran again: " + finishedOnce);

    JournalTrialStore store = JournalTrialStore.open(j);
    List<Trial> trials = store.trials();
    assertEquals(trials.size(), finishedOnce.size(), "every trial finished");
    assertTrue(trials.stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    assertEquals(KilledStudy.CONFIGURATIONS, store.configurations(), "the trial limit counted the trials of every run");
    assertTrue(restarted >= 1, "a kill with three trials in flight leaves some to rerun");
    for (Trial t : trials) {
      assertEquals(KilledStudy.LADDER.at(t.rung()), t.budget(), "trial " + t.number() + " has its rung's budget");
      if (t.lineage().isRoot()) continue;
      Trial parent = trials.get(t.lineage().parent());
      assertEquals(TrialState.COMPLETE, parent.state());
      assertEquals(t.rung() - 1, parent.rung(), "trial " + t.number() + " promoted from one rung below");
      assertEquals(parent.configId(), t.configId());
    }
    assertTrue(trials.stream().anyMatch(t -> t.rung() == KilledStudy.LADDER.topRung()), "someone reached the top rung");
  }
}
