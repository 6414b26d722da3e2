package dev.sparktune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What the application jar carries: sparktune's own classes, but no benchmark. The benchmarks
 * (src/bench/java) are built into a jar of their own by the submit/*benchmark scripts.
 */
class ApplicationJarIT {
  private static final Path JAR = Path.of(System.getProperty("sparktune.app.jar",
      "target/sparktune_2.13-0.1.0-SNAPSHOT.jar"));

  @Test
  void theApplicationJarHasNoBenchmarkClass() throws IOException {
    assertTrue(Files.isRegularFile(JAR), "the application jar " + JAR + " (run after package)");
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertTrue(names.contains("dev/sparktune/cli/Main.class"), "no Main in " + JAR);
      assertEquals(List.of(), names.stream().filter(n -> n.startsWith("dev/sparktune/bench/")).toList());
    }
  }
}
