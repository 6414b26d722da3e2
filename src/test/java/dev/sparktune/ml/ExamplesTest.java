package dev.sparktune.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "From code" examples as a user runs them: examples/CrossValidatorToSparkTune.java
 * compiled against the build's classpath and its main run on spambase in this JVM's Spark; and
 * the README's ask/tell listing is examples/AskTell.java word for word (AskTellJarIT runs that
 * one on the jar alone).
 */
@Tag("spark")
class ExamplesTest {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", "."));

  @Test
  void theJavaExampleCompilesAndRuns(@TempDir Path tmp) throws Exception {
    SparkTestSession.get();
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = ToolProvider.getSystemJavaCompiler().run(null, err, err, "-cp", cp, "-d", classes.toString(),
        PROJECT.resolve("examples/CrossValidatorToSparkTune.java").toString());
    assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream was = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      loader.loadClass("CrossValidatorToSparkTune").getMethod("main", String[].class)
          .invoke(null, (Object) new String[] {SparkTestSession.data("spambase/spambase.libsvm"), tmp.toString()});
    } finally {
      System.setOut(was);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    System.out.println(printed);
    String grid = printed.lines().filter(l -> l.startsWith("grid avgMetrics ")).findFirst().orElseThrow();
    String reloaded = printed.lines().filter(l -> l.startsWith("reloaded avgMetrics ")).findFirst().orElseThrow();
    assertEquals(grid.substring("grid ".length()), reloaded.substring("reloaded ".length()));
    assertTrue(grid.matches("grid avgMetrics \\[0\\.9\\d+, 0\\.9\\d+, 0\\.9\\d+\\]"), grid);
    assertEquals(6, printed.lines().filter(l -> l.matches("trial \\[\\d+,COMPLETE,.*")).count(), printed);
    assertTrue(Files.isDirectory(tmp.resolve("study/journal")));
  }

  @Test
  void theReadmeShowsTheAskTellExampleAsItIs() throws Exception {
    String readme = Files.readString(PROJECT.resolve("README.md"));
    String example = Files.readString(PROJECT.resolve("examples/AskTell.java"));
    assertTrue(readme.contains("```java\n" + example + "```"), "README's ask/tell listing differs from examples/AskTell.java");
  }
}
