package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ask/tell library as a user gets it: examples/AskTell.java (the README's example) compiled
 * and run with nothing but the application jar on the classpath of a plain JVM, no Spark, no
 * Maven dependencies. TPE needs commons-math3 and the journal needs Jackson, so this fails if
 * the jar stops carrying them (they were {@code provided}: NoClassDefFoundError).
 */
class AskTellJarIT {
  private static final Path PROJECT = Path.of(System.getProperty("sparktune.project.dir", "."));
  private static final Path JAR = Path.of(System.getProperty("sparktune.app.jar",
      "target/sparktune_2.13-0.1.0-SNAPSHOT.jar"));
  private static final Pattern BEST = Pattern.compile("best (\\d+\\.\\d+) at (\\{.*\\}) after (\\d+) trials");

  @Test
  void theReadmeExampleRunsAndResumesOnTheJarAlone(@TempDir Path tmp) throws Exception {
    assertTrue(Files.isRegularFile(JAR), "the application jar " + JAR + " (run after package)");
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = javac.run(null, err, err, "-cp", JAR.toString(), "-d", classes.toString(),
        PROJECT.resolve("examples/AskTell.java").toString());
    assertEquals(0, rc, "javac with only the jar: " + err.toString(StandardCharsets.UTF_8));

    Path journal = tmp.resolve("study");
    String first = run(classes, journal, 40);
    assertTrue(first.contains("resumed 0 trials"), first);
    Matcher m1 = best(first);
    assertEquals("40", m1.group(3));
    // Branin's minimum is 0.397887; TPE gets within 0.1 of it in 40 trials, random search rarely.
    assertTrue(Double.parseDouble(m1.group(1)) < 0.5, first);

    String second = run(classes, journal, 60);
    assertTrue(second.contains("resumed 40 trials"), second);
    Matcher m2 = best(second);
    assertEquals("60", m2.group(3));
    assertTrue(Double.parseDouble(m2.group(1)) <= Double.parseDouble(m1.group(1)), second);

    // Resuming changes nothing: 40 then 20 more trials end where 60 in one go end.
    String straight = run(classes, tmp.resolve("straight"), 60);
    assertEquals(m2.group(0), best(straight).group(0));
  }

  private static Matcher best(String out) {
    Matcher m = BEST.matcher(out);
    assertTrue(m.find(), out);
    return m;
  }

  private static String run(Path classes, Path journal, int trials) throws IOException, InterruptedException {
    String bin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(bin, "-cp", JAR + java.io.File.pathSeparator + classes, "AskTell",
        journal.toString(), Integer.toString(trials))).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out;
  }
}
