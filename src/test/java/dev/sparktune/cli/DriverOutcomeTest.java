package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outcome record of a cluster-mode driver: what it printed and its code reach the launcher,
 * and a later YARN attempt runs the study again only after a run-time failure (exit 1).
 */
class DriverOutcomeTest {
  @TempDir Path tmp;

  @AfterEach
  void clear() {
    System.clearProperty(DriverOutcome.PROPERTY);
  }

  private String record() {
    String where = "file:" + tmp.resolve("outcomes/a.json");
    System.setProperty(DriverOutcome.PROPERTY, where);
    return where;
  }

  @Test
  void theDriversCodeAndOutputAreRecordedForTheLauncher() {
    String where = record();
    int code = DriverOutcome.run(new String[0], (out, err) -> {
      out.println("best: trial 3");
      err.println("sparktune: a warning");
      return Main.TIME_LIMIT;
    });
    assertEquals(Main.TIME_LIMIT, code);
    DriverOutcome.Record r = DriverOutcome.read(where, new Configuration()).orElseThrow();
    assertEquals(Main.TIME_LIMIT, r.code());
    assertEquals("best: trial 3\n", r.out());
    assertEquals("sparktune: a warning\n", r.err());
    assertEquals(1, r.attempt());
  }

  @Test
  void aLaterAttemptRepeatsAnyOutcomeButARunTimeFailure() throws Exception {
    String where = record();
    AtomicInteger runs = new AtomicInteger();
    DriverOutcome.run(new String[0], (out, err) -> {
      runs.incrementAndGet();
      err.println("sparktune: sparktune.data.path: not a number");
      return Main.BAD_CONFIG;
    });
    // YARN's second attempt: the study does not run again, and the code is the same.
    int again = DriverOutcome.run(new String[0], (out, err) -> runs.incrementAndGet());
    assertEquals(Main.BAD_CONFIG, again);
    assertEquals(1, runs.get());

    // After a run-time failure the next attempt runs (and resumes) the study.
    DriverOutcome.write(where, new Configuration(), new DriverOutcome.Record(Main.FAILED, "", "lost", 1));
    int resumed = DriverOutcome.run(new String[0], (out, err) -> {
      runs.incrementAndGet();
      return Main.OK;
    });
    assertEquals(Main.OK, resumed);
    assertEquals(2, runs.get());
    assertEquals(2, DriverOutcome.read(where, new Configuration()).orElseThrow().attempt());
  }

  @Test
  void theLauncherPrintsTheRecordExitsWithItsCodeAndRemovesIt() throws Exception {
    Path file = tmp.resolve("outcomes/b.json");
    String where = "file:" + file;
    DriverOutcome.write(where, new Configuration(), new DriverOutcome.Record(Main.NO_TRIAL_SUCCEEDED, "3 trials\n",
        "", 1));
    assertTrue(Files.exists(file));
    assertEquals(Main.NO_TRIAL_SUCCEEDED, ClusterLaunch.run(new String[] {"outcome", where, "1"}, System.out, System.err));
    assertFalse(Files.exists(file));
    // No record (the driver never got to write one): spark-submit's verdict is all there is.
    assertEquals(Main.FAILED, ClusterLaunch.run(new String[] {"outcome", where, "0"}, System.out, System.err));
    assertEquals(Optional.empty(), DriverOutcome.read(where, new Configuration()));
  }
}
