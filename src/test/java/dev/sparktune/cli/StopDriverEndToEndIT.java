package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a scheduler stops a nightly job, through {@code submit/tune} on the packaged jar: a SIGTERM
 * to the driver ends the study cleanly (running trials CANCELLED, not FAILED; the lock released;
 * trials.csv and best.json written; exit 143; no stack traces or Spark warnings a user cannot act
 * on) and the same command continues it; and a launcher killed with SIGKILL, which can forward
 * nothing, does not leave its driver running headless with the lock.
 */
@Tag("spark")
class StopDriverEndToEndIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final int TRIALS = 12;

  @TempDir Path tmp;

  private static ProcessBuilder tune(Path out, int trials) {
    ProcessBuilder pb = new ProcessBuilder(PROJECT.resolve("submit/tune").toString(), "conf/examples/quickstart.conf",
        "sparktune.search.trials=" + trials, "sparktune.search.parallelism=2", "sparktune.cv.folds=2",
        "sparktune.model.fixed.maxIter=10", "sparktune.output.dir=" + out)
        .directory(PROJECT.toFile()).redirectErrorStream(true);
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    pb.environment().remove("SPARK_HOME");
    return pb;
  }

  private static ProcessHandle driver(Process launcher) {
    return launcher.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
        .findFirst().orElseThrow(() -> new AssertionError("no driver JVM under submit/tune"));
  }

  /** Reads the launcher's output on a thread of its own, so the test can wait on processes meanwhile. */
  private static Thread drain(Process p, List<String> log) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) log.add(line);
      } catch (java.io.IOException e) {
        log.add("(read failed: " + e + ")");
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void awaitFinishedTrials(List<String> log, int n, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (log.stream().filter(l -> l.startsWith("trial ")).count() < n) {
      assertTrue(p.isAlive() && System.nanoTime() < deadline, "no finished trial:\n" + String.join("\n", log));
      Thread.sleep(50);
    }
  }

  private static List<String> states(Path out) throws java.io.IOException {
    List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
    List<String> header = List.of(rows.get(0).split(","));
    int state = header.indexOf("state");
    return rows.stream().skip(1).map(l -> l.split(",")[state]).toList();
  }

  @Test
  void aSigtermEndsTheStudyCleanlyAndTheSameCommandContinuesIt() throws Exception {
    Path out = tmp.resolve("sigterm");
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Process p = tune(out, TRIALS).start();
    Thread reader = drain(p, log);
    awaitFinishedTrials(log, 2, p);
    // Two trials in flight: a SIGTERM to the driver, as Kubernetes or a scheduler sends it.
    driver(p).destroy();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "submit/tune did not end after SIGTERM");
    reader.join(10_000);
    String all = String.join("\n", log);
    assertEquals(143, p.exitValue(), all);
    assertTrue(Files.notExists(out.resolve("lease.json")), "the lock was left behind:\n" + all);
    assertTrue(Files.exists(out.resolve("best.json")), all);
    List<String> states = states(out);
    assertTrue(states.contains("CANCELLED"), states + "\n" + all);
    assertTrue(!states.contains("FAILED") && !states.contains("RUNNING"), states + "\n" + all);
    assertTrue(states.size() < TRIALS, states.toString());
    // The cancellations were sparktune's own: no stack traces, no ERROR lines, no flood of Spark warnings.
    assertTrue(log.stream().noneMatch(l -> l.contains(" ERROR ") || l.startsWith("\tat ")
        || l.contains("SPARK_JOB_CANCELLED") || l.contains("Broadcasting large task binary")), all);

    List<String> again = Collections.synchronizedList(new ArrayList<>());
    Process q = tune(out, TRIALS).start();
    Thread r2 = drain(q, again);
    assertTrue(q.waitFor(6, TimeUnit.MINUTES), "the rerun did not end");
    r2.join(10_000);
    String all2 = String.join("\n", again);
    assertEquals(0, q.exitValue(), all2);
    assertEquals(Collections.nCopies(TRIALS, "COMPLETED"), states(out), all2);
    // The cancelled trials ran again under their own numbers.
    Set<Integer> restarted = new TreeSet<>();
    for (JournalEvent e : new Journal(new HadoopJournalBackend(out.resolve("journal").toString(), new Configuration()),
        32, w -> {}).replay()) {
      if (e instanceof JournalEvent.Restarted r) restarted.add(r.number());
    }
    long cancelled = states.stream().filter("CANCELLED"::equals).count();
    assertEquals(cancelled, restarted.size(), all2);
  }

  @Test
  void aDriverStopsWhenItsLauncherIsKilled() throws Exception {
    Path out = tmp.resolve("orphan");
    // To a file, not through a pipe this test reads: when a process exits, the JDK drains what its
    // pipe holds and closes its end (ProcessImpl), so whatever the orphaned driver prints after its
    // launcher is gone (its stop line among it) could be lost, and was once.
    Path logFile = tmp.resolve("orphan.log");
    // Far more trials than run before the driver must notice.
    Process p = tune(out, 200).redirectOutput(logFile.toFile()).start();
    long started = System.nanoTime();
    while (lines(logFile).stream().filter(l -> l.startsWith("trial ")).count() < 1) {
      assertTrue(p.isAlive() && System.nanoTime() - started < TimeUnit.MINUTES.toNanos(5),
          "no finished trial:\n" + String.join("\n", lines(logFile)));
      Thread.sleep(50);
    }
    ProcessHandle driver = driver(p);
    // SIGKILL of the launcher: it can forward nothing (a scheduler's kill after its grace period).
    // Through its handle: the launcher's pid alone, as kill -9 would.
    p.toHandle().destroyForcibly();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    // Within the cancel grace (10 s) plus writing the results; before, it ran on to the 200th trial.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (driver.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
    boolean outlived = driver.isAlive();
    if (outlived) driver.destroyForcibly();
    assertTrue(!outlived, "the driver outlived its launcher by 60 s:\n" + String.join("\n", lines(logFile)));
    // The stderr filter (tee | grep) writes its last lines as the driver's end closes its input.
    String stopLine = "its launcher (pid " + p.pid() + ") is gone";
    List<String> log = lines(logFile);
    for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        log.stream().noneMatch(l -> l.contains(stopLine)) && System.nanoTime() < until; log = lines(logFile)) {
      Thread.sleep(100);
    }
    String all = String.join("\n", log);
    assertTrue(log.stream().anyMatch(l -> l.contains(stopLine)), all);
    assertTrue(Files.notExists(out.resolve("lease.json")), "the lock was left behind:\n" + all);
    List<String> states = states(out);
    assertTrue(states.size() < 200 && !states.contains("FAILED") && !states.contains("RUNNING"), states + "\n" + all);
  }

  private static List<String> lines(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }
}
