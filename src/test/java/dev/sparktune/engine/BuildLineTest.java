package dev.sparktune.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The start-up comparison of the jar's Spark/Scala line with the running one, in plain Java. */
class BuildLineTest {
  private static final BuildLine DEFAULT = new BuildLine("4.1.0", "2.13");

  @Test
  void anotherPatchReleaseOfTheSameLineIsFine() {
    assertEquals(Optional.empty(), DEFAULT.mismatch("4.1.0", "2.13.17"));
    assertEquals(Optional.empty(), DEFAULT.mismatch("4.1.3", "2.13.8"));
    assertEquals(Optional.empty(), new BuildLine("3.5.9", "2.12").mismatch("3.5.1-amzn-0", "2.12.15"));
  }

  @Test
  void anotherScalaNamesBothLinesAndTheProfileToBuildWith() {
    assertEquals(Optional.of("this jar is built for Spark 4.1 / Scala 2.13 but runs on Spark 3.5.6 / Scala 2.12.18; "
        + "build it with -Pspark-3.5-scala-2.12"), DEFAULT.mismatch("3.5.6", "2.12.18"));
    assertEquals(Optional.of("this jar is built for Spark 3.5 / Scala 2.12 but runs on Spark 3.5.6 / Scala 2.13.8; "
        + "build it with -Pspark-3.5"), new BuildLine("3.5.9", "2.12").mismatch("3.5.6", "2.13.8"));
  }

  @Test
  void anotherSparkMinorIsAMismatchEvenWithTheSameScala() {
    assertEquals(Optional.of("this jar is built for Spark 4.1 / Scala 2.13 but runs on Spark 4.0.1 / Scala 2.13.16; "
        + "build it with -Pspark-4.0"), DEFAULT.mismatch("4.0.1", "2.13.16"));
    assertEquals(Optional.of("this jar is built for Spark 4.0 / Scala 2.13 but runs on Spark 4.1.0 / Scala 2.13.17; "
        + "build it without a -P profile"), new BuildLine("4.0.1", "2.13").mismatch("4.1.0", "2.13.17"));
  }

  @Test
  void aLineNoProfileBuildsForSaysSo() {
    String m = DEFAULT.mismatch("3.4.1", "2.12.17").orElseThrow();
    assertTrue(m.startsWith("this jar is built for Spark 4.1 / Scala 2.13 but runs on Spark 3.4.1 / Scala 2.12.17; no sparktune build"), m);
    assertTrue(DEFAULT.mismatch("4.1.0", "3.3.1").isPresent(), "Scala 3 is not 2.13");
  }

  @Test
  void versionParts() {
    assertEquals("3.5", BuildLine.majorMinor("3.5.1-amzn-0"));
    assertEquals("4.1", BuildLine.majorMinor("4.1.0"));
    assertEquals("2.12", BuildLine.scalaBinary("2.12.18"));
    assertEquals("3", BuildLine.scalaBinary("3.3.1"));
  }

  /** BuildLine's table of profiles is pom.xml's: each profile's Spark major.minor and Scala. */
  @Test
  void theProfileTableIsThePoms() throws IOException {
    String pom = Files.readString(Path.of(System.getProperty("sparktune.project.dir", "."), "pom.xml"));
    int profiles = pom.indexOf("<profiles>");
    assertTrue(profiles > 0, "pom.xml has profiles");
    Map<String, String> fromPom = new LinkedHashMap<>();
    fromPom.put(BuildLine.majorMinor(property(pom.substring(0, profiles), "spark.version")) + "/"
        + property(pom.substring(0, profiles), "scala.binary.version"), "");
    Matcher m = Pattern.compile("(?s)<profile>.*?</profile>").matcher(pom.substring(profiles));
    while (m.find()) {
      String p = m.group();
      // A line of the matrix sets spark.version; kubernetes-client is not a line (it only adds to the default).
      if (!p.contains("<spark.version>")) continue;
      fromPom.put(BuildLine.majorMinor(property(p, "spark.version")) + "/" + property(p, "scala.binary.version"),
          property(p, "id"));
      assertEquals(property(p, "id"), property(p, "sparktune.profile"), "sparktune.profile of " + property(p, "id"));
      assertTrue(property(p, "build.dir").endsWith("/target/" + property(p, "id")), "build.dir of " + property(p, "id"));
    }
    assertEquals(BuildLine.PROFILES, fromPom);
  }

  /** The running build's own line: the filtered resource holds this Maven build's versions. */
  @Test
  void theResourceRecordsTheLineOfThisBuild() {
    BuildLine line = BuildLine.ofThisJar().orElseThrow();
    assertEquals(org.apache.spark.package$.MODULE$.SPARK_VERSION(), line.spark());
    assertEquals(Optional.empty(), BuildLine.checkRunningSpark());
  }

  private static String property(String xml, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]*)</" + Pattern.quote(name) + ">").matcher(xml);
    assertTrue(m.find(), "<" + name + "> in " + xml.substring(0, Math.min(200, xml.length())));
    return m.group(1).strip();
  }
}
