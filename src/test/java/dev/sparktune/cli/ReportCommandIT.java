package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit/report} as a user runs it, on the packaged jar: its classpath holds the application
 * jar and Hadoop's client but no Spark jar, so a report that is built proves it needs no Spark.
 */
class ReportCommandIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();

  @TempDir Path tmp;

  private record Result(int code, String out, String err) {}

  private Result report(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(PROJECT.resolve("submit/report").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    String jar = System.getProperty("sparktune.app.jar");
    if (jar != null) pb.environment().put("SPARKTUNE_APP_JAR", jar);
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().remove("YARN_CONF_DIR");
    pb.environment().put("SPARKTUNE_JAVA_OPTS", "-verbose:class");
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("submit/report did not finish in 5 minutes");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void rebuildsTheReportAndTheOptunaExportWithoutLoadingSpark() throws Exception {
    Path study = tmp.resolve("study");
    ReportMainTest.writeStudy(study);
    Result r = report("--export", "optuna", study.toString());
    assertEquals(0, r.code(), r.err());
    // -verbose:class lists every class the JVM loaded: none of Spark's.
    assertFalse(r.out().contains("org.apache.spark"), "a Spark class was loaded");
    String line = "report.html (5 evaluations, running or stopped, " + Files.size(study.resolve("report.html")) / 1024 + " KB)";
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("report: ") && l.endsWith(line)), r.out());
    assertTrue(Files.size(study.resolve("report.html")) > 10_000);
    assertTrue(Files.exists(study.resolve("optuna-journal.log")));
  }

  @Test
  void aDirectoryWithoutAStudyIsExitTwoAndOneLine() throws Exception {
    Result r = report(tmp.toString());
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("submit/report: '" + tmp + "' holds no sparktune study"), r.err());
  }
}
