package dev.sparktune.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.store.JournalEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often a journal says each trial was created and finished, and how many runs opened it: what
 * the kill-and-resume tests check, that a study killed any number of times ran each trial once.
 */
public record JournalTally(long opened, Map<Integer, Integer> created, Map<Integer, Integer> finished) {

  public static JournalTally of(List<JournalEvent> events) {
    Map<Integer, Integer> created = new HashMap<>();
    Map<Integer, Integer> finished = new HashMap<>();
    long opened = 0;
    for (JournalEvent e : events) {
      if (e instanceof JournalEvent.Created c) created.merge(c.number(), 1, Integer::sum);
      if (e instanceof JournalEvent.Finished f) finished.merge(f.number(), 1, Integer::sum);
      if (e instanceof JournalEvent.Opened) opened++;
    }
    return new JournalTally(opened, created, finished);
  }

  /** {@code runs} runs opened the study, and each of {@code trials} trials was created and finished once. */
  public void assertEachTrialOnce(long runs, int trials, String context) {
    assertEquals(runs, opened, "runs that opened the study\n" + context);
    assertEquals(trials, created.size(), context);
    assertTrue(created.values().stream().allMatch(n -> n == 1) && finished.values().stream().allMatch(n -> n == 1),
        "created " + created + ", finished " + finished + "\n" + context);
    assertEquals(trials, finished.size(), context);
  }
}
