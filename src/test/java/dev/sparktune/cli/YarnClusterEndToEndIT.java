package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalEvent;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.testing.JournalTally;
import dev.sparktune.testing.MiniHadoop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/tune --master yarn} as a user types it, against a real YARN (ResourceManager with
 * the default CapacityScheduler, a NodeManager launching containers as processes) on a real HDFS,
 * both from Hadoop's minicluster, with the data, the output, the journal and the lease on HDFS.
 * Client mode and cluster mode finish a study; a bad key in cluster mode and bad data found by the
 * driver in its container both reach the caller as exit 2 with the one line; and a cluster-mode
 * driver (the application master's container) SIGKILLed mid-study is finished by YARN's second
 * attempt, which resumes the journal, with every trial run exactly once.
 *
 * <p>Needs spark-yarn on the resolved classpath: Maven here serves it for the Spark 4.0 and 3.5
 * lines, not for the default 4.1.0, so on the default line this IT is skipped with that reason.
 */
@Tag("yarn")
class YarnClusterEndToEndIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();
  private static final Duration RUN_LIMIT = Duration.ofMinutes(8);

  @TempDir static Path tmp;
  private static MiniHadoop hadoop;

  @BeforeAll
  static void startHadoop() throws Exception {
    Assumptions.assumeTrue(onClasspath("org.apache.spark.deploy.yarn.Client"),
        "spark-yarn is not on this line's classpath (Maven here does not serve it for the default Spark 4.1.0); "
            + "run with -Pspark-4.0");
    hadoop = MiniHadoop.start(tmp.resolve("hadoop"));
    FileSystem fs = hadoop.fs();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(PROJECT.resolve("notebooks-data/spambase/spambase.libsvm").toString()),
        new org.apache.hadoop.fs.Path("/data/spambase.libsvm"));
    try (var out = fs.create(new org.apache.hadoop.fs.Path("/data/bad.libsvm"))) {
      // A feature value that is not a number: the driver finds it once Spark reads the rows.
      out.write("1 1:0.5 2:1.0\n0 1:abc 2:0.25\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stopHadoop() {
    if (hadoop != null) hadoop.close();
  }

  @Test
  void clientModeFinishesAStudyWithDataAndResultsOnHdfs() throws Exception {
    Run r = tune("client", "client", List.of());
    assertEquals(0, r.code(), r.output());
    assertTrue(r.output().contains("(yarn)"), r.output());
    assertTrue(r.output().contains("best: trial "), r.output());
    assertStudyWritten("/studies/client", 4);
  }

  @Test
  void clusterModeShipsTheConfAndReportsTheDriversSummaryAndExitCode() throws Exception {
    // The README's nightly job: data and output from the launcher's environment, resolved here.
    List<String> cmd = new ArrayList<>(command("cluster", "unused", List.of()));
    cmd.subList(cmd.indexOf("conf/examples/quickstart.conf"), cmd.size()).clear();
    cmd.addAll(List.of("conf/examples/nightly.conf", "sparktune.model.fixed.maxIter=10"));
    Run r = run(cmd, Map.of("SPARKTUNE_DATA", "hdfs:///data/spambase.libsvm", "SPARKTUNE_OUT", "hdfs:///studies/cluster",
        "SPARKTUNE_TRIALS", "4"));
    assertEquals(0, r.code(), r.output());
    // What the driver printed in its container, carried back by the outcome record.
    assertTrue(r.output().contains("best: trial "), r.output());
    assertTrue(r.output().contains("results: hdfs://"), r.output());
    assertStudyWritten("/studies/cluster", 4);
    assertEquals(List.of(), outcomeRecordsLeft(), "the outcome record is removed once read");
  }

  @Test
  void aBadKeyInClusterModeIsExit2WithOneLineAndNeverReachesYarn() throws Exception {
    int before = applications().size();
    Run r = tune("cluster", "badkey", List.of("sparktune.search.trails=3"));
    assertEquals(2, r.code(), r.output());
    List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
    assertEquals(1, lines.size(), r.output());
    assertTrue(lines.get(0).contains("sparktune.search.trails") && lines.get(0).contains("did you mean"), r.output());
    assertEquals(before, applications().size(), "no application was submitted");
    assertFalse(hadoop.fs().exists(new org.apache.hadoop.fs.Path("/studies/badkey")));
  }

  @Test
  void badDataFoundByTheClusterDriverReachesTheCallerAsExit2() throws Exception {
    Run r = tune("cluster", "baddata", List.of("sparktune.data.path=hdfs:///data/bad.libsvm"));
    assertEquals(2, r.code(), r.output());
    assertTrue(r.output().lines().anyMatch(l -> l.startsWith("sparktune: sparktune.data.path")), r.output());
  }

  @Test
  void aKilledClusterDriverIsFinishedByTheSecondAttemptWithEveryTrialOnce() throws Exception {
    int trials = 8;
    String dir = "/studies/killed";
    Process p = start(command("cluster", dir, List.of("sparktune.search.trials=" + trials,
        "sparktune.search.parallelism=1"), "--conf", "spark.yarn.maxAppAttempts=2"));
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread reader = drain(p.getInputStream(), log);
    // Wait until the first attempt has finished two trials (read from the journal on HDFS) ...
    Instant deadline = Instant.now().plus(RUN_LIMIT);
    while (finished(dir) < 2) {
      assertTrue(p.isAlive() && Instant.now().isBefore(deadline), "no progress to kill:\n" + String.join("\n", log));
      Thread.sleep(500);
    }
    // ... then SIGKILL its application master, the JVM that runs the driver, as a lost node would.
    List<String> running = applications().stream()
        .filter(a -> a.getYarnApplicationState() == YarnApplicationState.RUNNING)
        .map(a -> a.getApplicationId().toString()).toList();
    assertEquals(1, running.size(), "one running application: " + running);
    // The java process itself, not the shell of the container's launch script that started it.
    List<ProcessHandle> am = ProcessHandle.allProcesses()
        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .filter(h -> h.info().commandLine().map(c -> c.contains("org.apache.spark.deploy.yarn.ApplicationMaster")
            && c.contains(running.get(0))).orElse(false))
        .toList();
    assertEquals(1, am.size(), "one application master running");
    am.get(0).destroyForcibly();
    assertTrue(p.waitFor(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES), "submit/tune did not end");
    reader.join();
    String all = String.join("\n", log);
    assertEquals(0, p.exitValue(), all);

    // Two attempts opened the study: the killed one and YARN's second.
    JournalTally.of(journal(dir)).assertEachTrialOnce(2, trials, all);
    assertStudyWritten(dir, trials);
  }

  // --- helpers ---

  private record Run(int code, String output) {}

  private static boolean onClasspath(String cls) {
    try {
      Class.forName(cls, false, YarnClusterEndToEndIT.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The quickstart at a small size, data on HDFS, results in {@code /studies/<name>}. */
  private static List<String> command(String deployMode, String dir, List<String> overrides, String... sparkOptions) {
    String javaHome = System.getProperty("java.home");
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve("submit/tune").toString(),
        "--master", "yarn", "--deploy-mode", deployMode,
        // The containers' Java: this one (a cluster whose default Java is older sets the same two).
        "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
        "--conf", "spark.executor.instances=1", "--conf", "spark.executor.cores=2",
        "--conf", "spark.executor.memory=768m", "--conf", "spark.driver.memory=768m",
        "--conf", "spark.yarn.am.memory=512m",
        // Spark's jars from this machine's Maven repository, where every NodeManager of the
        // minicluster can read them, instead of uploading ~350 MB per application.
        "--conf", "spark.yarn.jars=" + localJars()));
    cmd.addAll(List.of(sparkOptions));
    cmd.addAll(List.of("conf/examples/quickstart.conf", "sparktune.data.path=hdfs:///data/spambase.libsvm",
        "sparktune.output.dir=hdfs://" + (dir.startsWith("/") ? dir : "/studies/" + dir),
        "sparktune.search.trials=4", "sparktune.cv.folds=2", "sparktune.model.fixed.maxIter=10"));
    cmd.addAll(overrides);
    return cmd;
  }

  /** This JVM's Spark runtime jars (its classpath without the test-only ones), as {@code local:} URIs. */
  private static String localJars() {
    return String.join(",", Stream.of(System.getProperty("java.class.path").split(":"))
        .filter(e -> e.endsWith(".jar"))
        .filter(e -> !e.matches(".*/(junit|org/junit|opentest4j|apiguardian|hadoop-client-minicluster|bouncycastle"
            + "|javax/xml/bind)/.*") && !e.contains("/target/"))
        .map(e -> "local:" + e).toList());
  }

  private static Process start(List<String> cmd) throws IOException {
    return start(cmd, Map.of());
  }

  private static Process start(List<String> cmd, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("HADOOP_CONF_DIR", hadoop.confDir().toString());
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("YARN_CONF_DIR");
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    return pb.start();
  }

  private static Run tune(String deployMode, String dir, List<String> overrides) throws Exception {
    return run(command(deployMode, dir, overrides), Map.of());
  }

  private static Run run(List<String> cmd, Map<String, String> env) throws Exception {
    Process p = start(cmd, env);
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    Thread reader = drain(p.getInputStream(), log);
    assertTrue(p.waitFor(RUN_LIMIT.toMinutes(), TimeUnit.MINUTES), "submit/tune did not end:\n" + String.join("\n", log));
    reader.join();
    // Spark's own WARN lines pass through; what sparktune printed is what the tests look at.
    String out = String.join("\n", log.stream().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d (WARN|INFO) .*")).toList());
    return new Run(p.exitValue(), out);
  }

  private static Thread drain(InputStream in, List<String> into) {
    Thread t = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) into.add(line);
      } catch (IOException e) {
        into.add("(reading the output failed: " + e + ")");
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static List<JournalEvent> journal(String dir) {
    return new Journal(new HadoopJournalBackend(hadoop.hdfsUri() + dir + "/journal", hadoop.conf()), 32, w -> {})
        .replay();
  }

  private static long finished(String dir) {
    try {
      if (!hadoop.fs().exists(new org.apache.hadoop.fs.Path(dir + "/journal"))) return 0;
      return journal(dir).stream().filter(e -> e instanceof JournalEvent.Finished).count();
    } catch (IOException | RuntimeException e) {
      return 0;   // a segment being written or merged: read again
    }
  }

  private static void assertStudyWritten(String dir, int trials) throws IOException {
    FileSystem fs = hadoop.fs();
    for (String f : List.of("best.json", "trials.csv", "config.conf", "model")) {
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(dir, f)), dir + "/" + f + " on HDFS");
    }
    try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(dir, "trials.csv"))) {
      List<String> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      assertEquals(trials + 1, rows.size(), String.join("\n", rows));
      assertTrue(rows.stream().skip(1).allMatch(l -> l.contains(",COMPLETED,")), String.join("\n", rows));
    }
    assertFalse(fs.exists(new org.apache.hadoop.fs.Path(dir, "lease.json")), "the lease is released");
  }

  private static List<String> outcomeRecordsLeft() throws IOException {
    org.apache.hadoop.fs.Path outcomes = new org.apache.hadoop.fs.Path(hadoop.fs().getHomeDirectory(), ".sparktune/outcomes");
    if (!hadoop.fs().exists(outcomes)) return List.of();
    return Stream.of(hadoop.fs().listStatus(outcomes)).map(FileStatus::getPath).map(Object::toString).toList();
  }

  private static List<ApplicationReport> applications() throws Exception {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hadoop.conf());
      yarn.start();
      return yarn.getApplications();
    }
  }
}
