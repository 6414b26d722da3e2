package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code submit/tune} hands to spark-submit, read with {@code --dry-run} (which prints the
 * command and runs nothing), and the launcher's own refusals: each is one line and exit 2 before
 * anything is built, submitted or written.
 */
class SubmitCommandIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();

  @TempDir Path tmp;

  private record Result(int code, String stdout, String stderr) {
    List<String> errLines() {
      return stderr.lines().filter(l -> !l.isBlank()).toList();
    }
  }

  private Result tune(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(PROJECT.resolve("submit/tune").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    pb.environment().remove("SPARK_HOME");
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().remove("YARN_CONF_DIR");
    pb.environment().putAll(env);
    Path stdout = tmp.resolve("stdout.txt");
    Path stderr = tmp.resolve("stderr.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("submit/tune did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
  }

  private Path hadoopConf() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("hadoop-conf"));
    Files.writeString(dir.resolve("core-site.xml"), "<configuration/>\n");
    Files.writeString(dir.resolve("yarn-site.xml"), "<configuration/>\n");
    return dir;
  }

  @Test
  void aDryRunPrintsTheLocalCommandAndRunsNothing() throws Exception {
    Path out = tmp.resolve("never-written");
    Result r = tune(Map.of(), "--dry-run", "conf/examples/quickstart.conf", "sparktune.output.dir=" + out);
    assertEquals(0, r.code(), r.stderr());
    List<String> lines = r.stdout().lines().toList();
    assertEquals(1, lines.size(), r.stdout());
    String cmd = lines.get(0);
    assertTrue(cmd.contains("org.apache.spark.deploy.SparkSubmit"), cmd);
    assertTrue(cmd.contains("--master local\\[\\*\\]"), cmd);
    // The first JIT tier alone would shrink the code cache to 48 MB, which long studies filled.
    assertTrue(cmd.contains("-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m"), cmd);
    assertTrue(cmd.endsWith("conf/examples/quickstart.conf sparktune.output.dir=" + out), cmd);
    assertFalse(Files.exists(out), "a dry run writes nothing");
  }

  @Test
  void yarnWithoutHadoopConfDirIsOneLineExit2() throws Exception {
    Result r = tune(Map.of(), "--master", "yarn", "conf/examples/quickstart.conf");
    assertEquals(2, r.code(), r.stderr());
    assertEquals(1, r.errLines().size(), r.stderr());
    assertTrue(r.errLines().get(0).contains("HADOOP_CONF_DIR"), r.stderr());
  }

  @Test
  void yarnWithAConfDirLackingYarnSiteIsOneLineExit2() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty-conf"));
    Result r = tune(Map.of("HADOOP_CONF_DIR", empty.toString()), "--master", "yarn", "conf/examples/quickstart.conf");
    assertEquals(2, r.code(), r.stderr());
    assertEquals(1, r.errLines().size(), r.stderr());
    assertTrue(r.errLines().get(0).contains("no yarn-site.xml"), r.stderr());
  }

  @Test
  void clusterModeNeedsAClusterMaster() throws Exception {
    Result r = tune(Map.of(), "--deploy-mode", "cluster", "conf/examples/quickstart.conf");
    assertEquals(2, r.code(), r.stderr());
    assertEquals(1, r.errLines().size(), r.stderr());
    assertTrue(r.errLines().get(0).contains("--deploy-mode cluster needs a cluster master"), r.stderr());
  }

  @Test
  void aYarnClusterDryRunShipsTheConfAndAsksForTheOutcome() throws Exception {
    Result r = tune(Map.of("HADOOP_CONF_DIR", hadoopConf().toString()), "--dry-run", "--master", "yarn",
        "--deploy-mode", "cluster", "--files", "hdfs:///jobs/lookup.csv", "conf/examples/quickstart.conf",
        "sparktune.search.trials=5");
    if (!sparkYarnOnClasspath()) {
      // This line's Spark has no spark-yarn jar: said in one line, with what to do.
      assertEquals(2, r.code(), r.stderr());
      assertEquals(1, r.errLines().size(), r.stderr());
      assertTrue(r.errLines().get(0).contains("no spark-yarn jar") && r.errLines().get(0).contains("SPARK_HOME"), r.stderr());
      return;
    }
    assertEquals(0, r.code(), r.stderr());
    String cmd = r.stdout().strip();
    assertEquals(1, cmd.lines().count(), cmd);
    assertTrue(cmd.contains("--master yarn") && cmd.contains("--deploy-mode cluster"), cmd);
    // The user's --files and the resolved conf travel together; Main gets the conf's name only.
    // (printed for a shell: the comma comes out as "\,")
    assertTrue(cmd.matches(".* --files hdfs:///jobs/lookup.csv\\\\?,/\\S+/quickstart\\.conf .*"), cmd);
    assertTrue(cmd.contains("spark.sparktune.outcome=.sparktune/outcomes/"), cmd);
    assertTrue(cmd.contains("spark.yarn.jars=") && cmd.contains("spark-yarn_"), cmd);
    assertTrue(cmd.endsWith(".jar quickstart.conf"), "overrides are resolved into the shipped file: " + cmd);
  }

  private static boolean sparkYarnOnClasspath() {
    try {
      Class.forName("org.apache.spark.deploy.yarn.Client", false, SubmitCommandIT.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
