package dev.sparktune.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The Spark line (Spark major.minor and Scala binary version) this jar was built for, and the
 * start-up check against the Spark it runs on. A jar built for Scala 2.13 on a Scala 2.12 Spark,
 * or for Spark 4.1 on 3.5, would fail later with a NoSuchMethodError in the middle of a study;
 * this check says so in one line before anything starts or is written. A different Spark patch
 * release (4.1.0 built, 4.1.1 running) is fine.
 *
 * @param spark the Spark version built against, e.g. {@code 4.1.0}
 * @param scalaBinary the Scala binary version, e.g. {@code 2.13}
 */
public record BuildLine(String spark, String scalaBinary) {
  /** Written by Maven from the pom's properties (src/main/resources-filtered). */
  static final String RESOURCE = "/sparktune-build.properties";

  /**
   * The Maven profile of each line ("" is the default), keyed by "spark major.minor / scala";
   * the same as pom.xml's profiles, which BuildLineTest checks.
   */
  static final Map<String, String> PROFILES = new LinkedHashMap<>();

  static {
    PROFILES.put("4.1/2.13", "");
    PROFILES.put("4.0/2.13", "spark-4.0");
    PROFILES.put("3.5/2.13", "spark-3.5");
    PROFILES.put("3.5/2.12", "spark-3.5-scala-2.12");
  }

  /** The line recorded in this jar, or empty when the resource is absent (classes run unpackaged). */
  public static Optional<BuildLine> ofThisJar() {
    try (InputStream in = BuildLine.class.getResourceAsStream(RESOURCE)) {
      if (in == null) return Optional.empty();
      Properties p = new Properties();
      p.load(in);
      String spark = p.getProperty("spark.version", "");
      String scala = p.getProperty("scala.binary.version", "");
      if (spark.isEmpty() || scala.isEmpty() || spark.contains("${")) return Optional.empty();
      return Optional.of(new BuildLine(spark, scala));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The one-line error when this jar does not fit the Spark and Scala of this JVM, read without
   * starting a SparkSession; empty when it fits (or the jar records no line).
   */
  public static Optional<String> checkRunningSpark() {
    Optional<BuildLine> built = ofThisJar();
    if (built.isEmpty()) return Optional.empty();
    return built.get().mismatch(org.apache.spark.package$.MODULE$.SPARK_VERSION(),
        scala.util.Properties.versionNumberString());
  }

  /** The error when running on {@code runningSpark} / {@code runningScala} cannot work; else empty. */
  public Optional<String> mismatch(String runningSpark, String runningScala) {
    String wantSpark = majorMinor(spark);
    String haveSpark = majorMinor(runningSpark);
    String haveScala = scalaBinary(runningScala);
    if (wantSpark.equals(haveSpark) && scalaBinary.equals(haveScala)) return Optional.empty();
    String profile = PROFILES.get(haveSpark + "/" + haveScala);
    String fix = profile == null
        ? "no sparktune build is made for that line (README \"Spark versions\" lists them)"
        : profile.isEmpty() ? "build it without a -P profile" : "build it with -P" + profile;
    return Optional.of("this jar is built for Spark " + wantSpark + " / Scala " + scalaBinary + " but runs on Spark "
        + runningSpark + " / Scala " + runningScala + "; " + fix);
  }

  /** {@code 3.5.6} and {@code 3.5.6-amzn-1} give {@code 3.5}. */
  static String majorMinor(String version) {
    String[] parts = version.strip().split("[.\\-+]");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : version.strip();
  }

  /** Scala's binary version: {@code 2.12.18} gives {@code 2.12}, {@code 3.3.1} gives {@code 3}. */
  static String scalaBinary(String version) {
    String mm = majorMinor(version);
    return mm.startsWith("3.") ? "3" : mm;
  }
}
