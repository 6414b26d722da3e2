package dev.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rule of DESIGN.md as a test: the core never names Spark, Hadoop or Scala, by an
 * import or by a fully qualified name in its code; and every package says what it is for in a
 * {@code package-info.java}.
 */
class ArchitectureTest {
  private static final List<String> CORE =
      List.of("space", "trial", "pareto", "sampler", "scheduler", "objective", "study", "store", "report", "config");
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", "."));
  private static final Path ROOT = PROJECT.resolve("src/main/java/dev/sparktune");
  // A Spark, Hadoop or Scala name in code: imported, or written out (new org.apache.spark.sql.Column(...)).
  private static final Pattern FOREIGN = Pattern.compile("\\b(org\\.apache\\.spark|org\\.apache\\.hadoop|scala)\\.[a-zA-Z]");

  @Test
  void corePackagesArePlainJava() throws IOException {
    List<Path> core = javaFiles().stream()
        .filter(p -> CORE.contains(ROOT.relativize(p).getName(0).toString()))
        .filter(p -> !ROOT.relativize(p).startsWith(Path.of("store", "hadoop")))
        .toList();
    assertTrue(core.size() > 20, "scanned " + core.size() + " core files under " + ROOT);
    List<String> offenders = core.stream().filter(p -> FOREIGN.matcher(code(p)).find())
        .map(p -> ROOT.relativize(p).toString()).toList();
    assertEquals(List.of(), offenders);
  }

  @Test
  void theCheckSeesFullyQualifiedNamesButNotCommentsOrStrings() {
    assertTrue(FOREIGN.matcher(code("class A { org.apache.spark.sql.Column c; }")).find());
    assertTrue(FOREIGN.matcher(code("import static scala.Option.apply;")).find());
    assertTrue(!FOREIGN.matcher(code("/** Like org.apache.spark.ml.Pipeline. */ // scala.Option\nString s = \"org.apache.spark.X\";")).find());
  }

  @Test
  void everyPackageSaysWhatItIsFor() throws IOException {
    List<String> missing;
    int packages;
    try (Stream<Path> dirs = Files.walk(ROOT)) {
      List<Path> withSources = dirs.filter(Files::isDirectory).filter(ArchitectureTest::holdsJava).toList();
      packages = withSources.size();
      missing = withSources.stream().filter(d -> !Files.exists(d.resolve("package-info.java")))
          .map(d -> ROOT.relativize(d).toString()).toList();
    }
    assertTrue(packages >= 17, "found " + packages + " packages under " + ROOT);
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }

  @Test
  void benchmarksAreNotApplicationCode() {
    // They live in src/bench/java (a test source root), so the application jar has none; the jar
    // itself is checked by ApplicationJarIT.
    assertTrue(!Files.exists(ROOT.resolve("bench")), ROOT.resolve("bench") + " exists: benchmarks go in src/bench/java");
    assertTrue(Files.isDirectory(PROJECT.resolve("src/bench/java/dev/sparktune/bench")), "src/bench/java/dev/sparktune/bench is missing");
  }

  private static boolean holdsJava(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList();
    }
  }

  private static String code(Path p) {
    try {
      return code(Files.readString(p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The source without its comments and string literals (a class name in a message is not a use). */
  static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
        .replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"");
  }
}
