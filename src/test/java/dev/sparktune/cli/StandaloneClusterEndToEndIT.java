package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's cluster path for real: {@code submit/cluster start} brings up a standalone master
 * and two workers (separate JVMs on 127.0.0.1, on free ports), {@code submit/cluster tune} runs the
 * quickstart study against it, and the master's and the workers' JSON must show one finished
 * application whose executors ran on both workers. Runs under failsafe, after {@code package},
 * on the jar that build made; {@code -Dtest.excludedGroups=cluster} or {@code -DskipITs} skips it.
 * Then a second study loses a worker mid-run and must still finish every trial. The tests share
 * one cluster and run in order, because the second leaves it with one worker.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterEndToEndIT {
  private static final int WORKERS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path project;
  private static Path appJar;
  private static Path clusterDir;
  private static Path logDir;
  private static int masterPort;
  private static int masterUiPort;
  private static int workerUiPort;
  private static boolean startAttempted;

  @BeforeAll
  static void startCluster() throws Exception {
    project = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath().normalize();
    Path buildDir = project.resolve(System.getProperty("sparktune.build.dir", "target")).normalize();
    appJar = project.resolve(System.getProperty("sparktune.app.jar",
        buildDir.resolve("sparktune_2.13-0.1.0-SNAPSHOT.jar").toString())).normalize();
    assertTrue(Files.isRegularFile(appJar), "no application jar at " + appJar + ": run this test with `mvn verify`");
    clusterDir = buildDir.resolve("it-cluster");
    logDir = buildDir.resolve("it-logs");
    Files.createDirectories(logDir);

    Set<Integer> taken = new HashSet<>();
    masterPort = freeConsecutivePorts(1, taken);
    masterUiPort = freeConsecutivePorts(1, taken);
    workerUiPort = freeConsecutivePorts(WORKERS, taken);

    startAttempted = true;
    Run start = run("cluster-start", Duration.ofMinutes(4), "submit/cluster", "start");
    assertEquals(0, start.code(), "submit/cluster start failed:\n" + start.tail());
    assertEquals(WORKERS, masterJson().path("aliveworkers").asInt(), "alive workers");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (!startAttempted) return;
    Run stop = run("cluster-stop", Duration.ofMinutes(1), "submit/cluster", "stop");
    assertEquals(0, stop.code(), "submit/cluster stop failed:\n" + stop.tail());
  }

  @Test
  @Order(1)
  void quickstartRunsOnBothWorkers(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("out");
    Run tune = run("cluster-tune", Duration.ofMinutes(20), "submit/cluster", "tune",
        "conf/examples/quickstart.conf", "sparktune.search.trials=4", "sparktune.output.dir=" + out,
        // Fewer L-BFGS iterations (one Spark job each): this test is about the cluster, not the score.
        "sparktune.model.fixed.maxIter=20");
    assertEquals(0, tune.code(), "submit/cluster tune failed:\n" + tune.tail());

    for (String f : List.of("trials.csv", "best.json", "config.conf")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing in " + out);
    }
    assertTrue(Files.isDirectory(out.resolve("model/metadata")), "model/ missing or empty in " + out);
    List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
    assertEquals(1 + 4, rows.size(), "trials.csv: a header and 4 trials\n" + String.join("\n", rows));

    // The master: exactly one application, finished, holding one core on each of the two workers.
    JsonNode apps = masterJson().path("completedapps");
    assertEquals(1, apps.size(), "completed applications on the master: " + apps);
    JsonNode app = apps.get(0);
    String appId = app.path("id").asText();
    assertEquals("FINISHED", app.path("state").asText(), "application state: " + app);
    assertEquals(WORKERS, app.path("cores").asInt(), "cores granted to the application: " + app);

    // Each worker: it launched an executor for that application, and that executor ran tasks.
    List<String> perWorker = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      JsonNode worker = workerAfterItsExecutorEnded(i, appId);
      boolean ranExecutor = false;
      // A worker moves the executor to "finishedexecutors" only once it has killed it, which can
      // come after the master already reports the application FINISHED: either list counts.
      for (String list : List.of("finishedexecutors", "executors")) {
        for (JsonNode e : worker.path(list)) ranExecutor |= appId.equals(e.path("appid").asText());
      }
      assertTrue(ranExecutor, "worker " + (i + 1) + " ran no executor for " + appId + ": " + worker);
      long tasks = finishedTasks(clusterDir.resolve("spark-cluster/work-" + (i + 1)).resolve(appId));
      perWorker.add("worker " + (i + 1) + ": " + tasks + " tasks");
      assertTrue(tasks > 0, "the executor on worker " + (i + 1) + " finished no task (" + perWorker + ")");
    }
  }

  /**
   * A node lost mid-study: once the first trial has finished and others are in flight on both
   * executors, worker 2's JVM and the executor it launched are killed with SIGKILL. Spark must
   * reschedule the lost tasks (and recompute the lost cached fold blocks) on the surviving
   * executor, and the study must finish with every trial complete, none failed.
   */
  @Test
  @Order(2)
  void studyCompletesAfterLosingAWorker(@TempDir Path tmp) throws Exception {
    int trials = 6;
    Path out = tmp.resolve("out");
    Path log = logDir.resolve("cluster-tune-lost-worker.log");
    Process tune = start(log, "submit/cluster", "tune", "conf/examples/quickstart.conf",
        "sparktune.search.trials=" + trials, "sparktune.output.dir=" + out, "sparktune.model.fixed.maxIter=15");
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
      while (finishedTrials(log) < 1) {
        assertTrue(tune.isAlive(), "the study ended before any trial finished:\n" + new Run(-1, read(log)).tail());
        assertTrue(System.nanoTime() < deadline, "no trial finished in 10 minutes:\n" + new Run(-1, read(log)).tail());
        Thread.sleep(500);
      }
      long finishedAtKill = finishedTrials(log);
      assertTrue(finishedAtKill < trials, "every trial had finished before the kill; the test proves nothing");
      ProcessHandle worker = workerProcess(WORKERS);
      List<ProcessHandle> killed = new ArrayList<>(worker.descendants().toList());
      killed.add(worker);
      killed.forEach(ProcessHandle::destroyForcibly);
      for (ProcessHandle h : killed) h.onExit().get(30, TimeUnit.SECONDS);
      assertTrue(killed.size() >= 2, "worker " + WORKERS + " had no executor process to lose: " + killed);

      assertTrue(tune.waitFor(15, TimeUnit.MINUTES), "the study did not finish in 15 minutes after the kill:\n"
          + new Run(-1, read(log)).tail());
      String output = read(log);
      assertEquals(0, tune.exitValue(), "the study failed after losing a worker:\n" + new Run(-1, output).tail());
      assertTrue(finishedAtKill < finishedTrials(log), "no trial finished after the kill:\n" + new Run(-1, output).tail());
      // Spark's scheduler logs the loss at ERROR, which submit/tune's log level keeps.
      assertTrue(output.contains("Lost executor"), "the driver never saw the executor go:\n" + new Run(-1, output).tail());

      List<String> rows = Files.readAllLines(out.resolve("trials.csv"));
      assertEquals(1 + trials, rows.size(), "trials.csv: a header and " + trials + " trials\n" + String.join("\n", rows));
      for (String row : rows.subList(1, rows.size())) {
        assertEquals("COMPLETED", row.split(",")[1], "every trial completes despite the lost worker: " + row);
      }
      assertTrue(Files.isDirectory(out.resolve("model/metadata")), "the best model was not saved in " + out);
      assertEquals(WORKERS - 1, masterJson().path("aliveworkers").asInt(), "alive workers after the kill");
    } finally {
      if (tune.isAlive()) {
        tune.descendants().forEach(ProcessHandle::destroyForcibly);
        tune.destroyForcibly();
      }
    }
  }

  /** Worker {@code i}'s JSON once it lists {@code appId}'s executor as finished, or after 30 s. */
  private static JsonNode workerAfterItsExecutorEnded(int i, String appId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode worker = json(workerUiPort + i);
      for (JsonNode e : worker.path("finishedexecutors")) {
        if (appId.equals(e.path("appid").asText())) return worker;
      }
      if (System.nanoTime() > deadline) return worker;
      Thread.sleep(500);
    }
  }

  /** Lines the driver printed for finished trials ("trial   3 COMPLETE ..."). */
  private static long finishedTrials(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.matches("^trial +\\d+ +(COMPLETE|FAILED|PRUNED|TIMEOUT)\\b.*")).count();
    }
  }

  /** The JVM of worker {@code i} (1-based), from the pid file submit/cluster keeps. */
  private static ProcessHandle workerProcess(int i) throws IOException {
    Path pidFile = clusterDir.resolve("spark-cluster/worker-" + i + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .orElseThrow(() -> new IllegalStateException("worker " + i + " (pid " + pid + ") is not running"));
  }

  /** "Finished task" lines in the executor logs under a worker's folder for one application. */
  private static long finishedTasks(Path appDir) throws IOException {
    if (!Files.isDirectory(appDir)) return 0;
    try (Stream<Path> files = Files.walk(appDir)) {
      return files.filter(p -> p.getFileName().toString().equals("stderr")).mapToLong(p -> {
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
          return lines.filter(l -> l.contains("Finished task")).count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }

  private static JsonNode masterJson() throws IOException {
    return json(masterUiPort);
  }

  private static JsonNode json(int port) throws IOException {
    try (InputStream in = URI.create("http://127.0.0.1:" + port + "/json/").toURL().openStream()) {
      return JSON.readTree(in);
    }
  }

  private record Run(int code, String output) {
    String tail() {
      return output.length() <= 6000 ? output : "...\n" + output.substring(output.length() - 6000);
    }
  }

  /** Runs a project script from the project root with the cluster's settings; output to it-logs/. */
  private static Run run(String name, Duration timeout, String... command) throws Exception {
    Path log = logDir.resolve(name + ".log");
    Process p = start(log, command);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(String.join(" ", command) + " did not finish in " + timeout + ":\n" + new Run(-1, read(log)).tail());
    }
    return new Run(p.exitValue(), read(log));
  }

  /** Starts a project script from the project root with the cluster's settings, output to {@code log}. */
  private static Process start(Path log, String... command) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(command));
    cmd.set(0, project.resolve(command[0]).toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.remove("SPARK_HOME");
    env.remove("SPARK_CONF_DIR");
    env.put("SPARKTUNE_APP_JAR", appJar.toString());   // the jar this build made: never rebuild
    env.put("SPARKTUNE_CLUSTER_DIR", clusterDir.toString());
    env.put("SPARKTUNE_MASTER_PORT", String.valueOf(masterPort));
    env.put("SPARKTUNE_MASTER_WEBUI_PORT", String.valueOf(masterUiPort));
    env.put("SPARKTUNE_WORKER_WEBUI_PORT", String.valueOf(workerUiPort));
    env.put("SPARKTUNE_WORKERS", String.valueOf(WORKERS));
    env.put("SPARKTUNE_CLUSTER_TIMEOUT", "120");
    return pb.start();
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** The first of n consecutive ports that are free now (the workers' UIs count up from it). */
  private static int freeConsecutivePorts(int n, Set<Integer> taken) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20000, 30000);   // below Linux's ephemeral range
      boolean free = true;
      for (int i = 0; i < n && free; i++) {
        free = !taken.contains(base + i) && canBind(base + i);
      }
      if (free) {
        for (int i = 0; i < n; i++) taken.add(base + i);
        return base;
      }
    }
    throw new IllegalStateException("no " + n + " consecutive free ports in 20000-30000");
  }

  private static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return s.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
