package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.testing.JournalTally;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver-kill test through {@code submit/tune} on the packaged jar: the driver JVM is
 * SIGKILLed after a random number of finished trials, five times, and the same command is run
 * again each time. The last run must finish with every configuration evaluated exactly once
 * (nothing completed rerun), the trial count at its target and the trial table complete. The
 * lease a killed driver leaves behind is taken over at once because its process is gone.
 */
@Tag("spark")
class KillDriverEndToEndIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final int KILLS = 5;
  // Each killed run finishes one or two trials first, so five kills leave work for the last run.
  private static final int TRIALS = 14;

  @TempDir Path tmp;

  @Test
  void aDriverKilledFiveTimesFinishesTheStudyWithNothingRunTwice() throws Exception {
    Path out = tmp.resolve("killed");
    Random random = new Random(5);
    List<String> log = new ArrayList<>();
    int kills = 0;
    int runs = 0;
    while (true) {
      ProcessBuilder pb = new ProcessBuilder(PROJECT.resolve("submit/tune").toString(), "conf/examples/quickstart.conf",
          "sparktune.search.trials=" + TRIALS, "sparktune.search.parallelism=2", "sparktune.cv.folds=2",
          "sparktune.model.fixed.maxIter=10", "sparktune.output.refit=false", "sparktune.output.dir=" + out)
          .directory(PROJECT.toFile()).redirectErrorStream(true);
      String jar = System.getProperty("sparktune.app.jar");
      if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
      pb.environment().remove("SPARK_HOME");
      Process p = pb.start();
      runs++;
      boolean killing = kills < KILLS;
      boolean killed = false;
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          log.add(runs + ": " + line);
          if (killing && line.startsWith("trial ")) {
            // A random moment after the first finished trial: mid-fit, mid-journal-write or mid-table-write.
            Thread.sleep(random.nextInt(1500));
            // SIGKILL the driver JVM itself (submit/tune runs it as a child), as a preempted container would be.
            p.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
            killed = true;
            break;
          }
        }
      }
      assertTrue(p.waitFor(8, TimeUnit.MINUTES), "submit/tune did not end");
      if (killed) {
        kills++;
        continue;
      }
      assertEquals(0, p.exitValue(), String.join("\n", log));
      assertEquals(KILLS, kills, "the study finished before it was killed " + KILLS + " times:\n" + String.join("\n", log));
      break;
    }

    List<JournalEvent> events = new Journal(new HadoopJournalBackend(out.resolve("journal").toString(), new Configuration()),
        32, w -> {}).replay();
    String all = String.join("\n", log);
    JournalTally.of(events).assertEachTrialOnce(runs, TRIALS, all);
    List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
    assertEquals(TRIALS + 1, rows.size(), String.join("\n", rows));
    assertTrue(rows.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")), String.join("\n", rows));
    assertTrue(Files.notExists(out.resolve("lease.json")));
  }
}
