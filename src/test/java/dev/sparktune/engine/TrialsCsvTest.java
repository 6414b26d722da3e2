package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.report.TrialTable;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trials.csv is rewritten off the caller's thread while a study runs, and the final write is the last word. */
class TrialsCsvTest {
  private static final SearchSpace SPACE = SearchSpace.of(FloatParam.of("x", 0, 1));

  @Test
  void rewritesInTheBackgroundAndEndsWithTheFinalTable(@TempDir Path dir) throws Exception {
    TrialsCsv csv = new TrialsCsv(new ResultsDir(dir.toString(), new Configuration()), SPACE, "auc", 1, Map::of);
    List<Trial> trials = new ArrayList<>();
    String reader = "";
    for (int i = 0; i < 200; i++) {
      trials.add(trial(i));
      List<Trial> now = List.copyOf(trials);
      csv.afterTrial(() -> {
        assertEquals("main", Thread.currentThread().getName(), "the trials are read on the caller's thread");
        return now;
      });
    }
    // A background rewrite has run by now (the first one is always due), and wrote a complete table.
    Path file = dir.resolve("trials.csv");
    for (int wait = 0; wait < 100 && !Files.exists(file); wait++) Thread.sleep(50);
    assertTrue(Files.exists(file));
    String partial = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(partial.startsWith("number,"), partial);
    trials.add(trial(200));
    csv.write(trials);
    String last = Files.readString(file, StandardCharsets.UTF_8);
    assertEquals(TrialTable.csv(SPACE, "auc", 1, trials, Map.of(), null), last);
    assertNotEquals(partial, last);
  }

  private static Trial trial(int n) {
    return Trial.running(n, Assignment.of(Map.of("x", n / 1000.0)), Budget.full(), Lineage.root(n), Instant.EPOCH)
        .finish(Outcome.completed(n / 1000.0), Instant.EPOCH.plusSeconds(n));
  }
}
