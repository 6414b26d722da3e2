package dev.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering rule of DESIGN.md as a test: the core never imports Spark, Hadoop or Scala. */
class ArchitectureTest {
  private static final List<String> CORE =
      List.of("space", "trial", "sampler", "scheduler", "objective", "study", "store", "report", "config");

  @Test
  void corePackagesArePlainJava() throws IOException {
    Path root = Path.of(System.getProperty("sparktune.project.dir", "."), "src/main/java/dev/sparktune");
    List<String> offenders;
    int scanned;
    try (Stream<Path> files = Files.walk(root)) {
      List<Path> core = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> CORE.contains(root.relativize(p).getName(0).toString()))
          .filter(p -> !root.relativize(p).startsWith(Path.of("store", "hadoop")))
          .toList();
      scanned = core.size();
      offenders = core.stream().filter(ArchitectureTest::importsSparkOrHadoop).map(p -> root.relativize(p).toString()).toList();
    }
    assertTrue(scanned > 20, "scanned " + scanned + " core files under " + root);
    assertEquals(List.of(), offenders);
  }

  private static boolean importsSparkOrHadoop(Path p) {
    try {
      return Files.readAllLines(p).stream().anyMatch(l -> l.matches("^import (static )?(org\\.apache\\.spark|org\\.apache\\.hadoop|scala)\\..*"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
