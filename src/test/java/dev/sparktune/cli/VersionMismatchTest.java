package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar built for another Spark/Scala line than the one it runs on: one line naming both, exit 2,
 * nothing written. The driver's check runs for real in a JVM with this build's Spark on the
 * classpath and a build record that claims another line; submit/tune's check runs against a
 * SPARK_HOME whose jars are of another line.
 */
class VersionMismatchTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", ".")).toAbsolutePath();

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not end: " + pb.command());
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theDriverRefusesAJarOfAnotherLineBeforeWritingAnything() throws Exception {
    Path record = Files.createDirectories(dir.resolve("record"));
    Files.writeString(record.resolve("sparktune-build.properties"), "spark.version=2.4.8\nscala.binary.version=2.11\n");
    Path out = dir.resolve("study");
    // Found first on the classpath: this "jar" says it was built for Spark 2.4 / Scala 2.11.
    String cp = record + java.io.File.pathSeparator + System.getProperty("java.class.path");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", cp, Main.class.getName(), PROJECT.resolve("conf/examples/quickstart.conf").toString(),
        "sparktune.output.dir=" + out);
    Run r = run(pb);

    String running = org.apache.spark.package$.MODULE$.SPARK_VERSION();
    String scalaVersion = scala.util.Properties.versionNumberString();
    String profile = System.getenv().getOrDefault("SPARKTUNE_PROFILE", "");
    String fix = profile.isEmpty() ? "build it without a -P profile" : "build it with -P" + profile;
    assertEquals(2, r.code(), r.toString());
    assertEquals("sparktune: this jar is built for Spark 2.4 / Scala 2.11 but runs on Spark " + running + " / Scala "
        + scalaVersion + "; " + fix, r.err().strip(), r.toString());
    assertEquals("", r.out());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void submitTuneRefusesASparkHomeOfAnotherLine() throws Exception {
    Path jar = dir.resolve("sparktune_2.13-test.jar");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
      z.putNextEntry(new ZipEntry("sparktune-build.properties"));
      z.write("spark.version=4.1.0\nscala.binary.version=2.13\n".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    Path marker = dir.resolve("spark-submit-ran");

    Run other = run(tune(sparkHome("spark-core_2.12-3.5.1-amzn-0.jar", marker), jar));
    assertEquals(2, other.code(), other.toString());
    assertEquals("submit/tune: SPARK_HOME=" + dir.resolve("home-spark-core_2.12-3.5.1-amzn-0.jar")
        + " is Spark 3.5.1-amzn-0 / Scala 2.12 but sparktune_2.13-test.jar is built for Spark 4.1 / Scala 2.13;"
        + " run with SPARKTUNE_PROFILE=spark-3.5-scala-2.12", other.err().strip());
    assertFalse(Files.exists(marker), "spark-submit must not start");

    // The same line at another patch release goes on to spark-submit.
    Run same = run(tune(sparkHome("spark-core_2.13-4.1.2.jar", marker), jar));
    assertEquals(0, same.code(), same.toString());
    assertTrue(Files.exists(marker), "spark-submit ran: " + same);
  }

  /** A SPARK_HOME holding one (empty) Spark core jar and a spark-submit that only leaves a mark. */
  private Path sparkHome(String coreJar, Path marker) throws IOException {
    Path home = dir.resolve("home-" + coreJar);
    Files.createDirectories(home.resolve("jars"));
    Files.createDirectories(home.resolve("bin"));
    Files.createFile(home.resolve("jars").resolve(coreJar));
    Path submit = home.resolve("bin/spark-submit");
    Files.writeString(submit, "#!/bin/sh\ntouch '" + marker + "'\n");
    Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static ProcessBuilder tune(Path sparkHome, Path jar) {
    ProcessBuilder pb = new ProcessBuilder(PROJECT.resolve("submit/tune").toString(), "conf/examples/quickstart.conf")
        .directory(PROJECT.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    env.put("SPARKTUNE_APP_JAR", jar.toString());
    env.remove("SPARKTUNE_PROFILE");
    return pb;
  }
}
