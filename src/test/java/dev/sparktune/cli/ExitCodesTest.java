package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's exit codes through the CLI entry point, on real data in this JVM's Spark session: a
 * time limit too short for any trial is 4 (time limit), not 3 (every trial failed); a damaged
 * journal is 6 (a person must look), not 1 (retry), and {@code resume = recover} continues from
 * its intact events in a new directory, leaving the damaged one as it was.
 */
@Tag("spark")
class ExitCodesTest {
  @TempDir Path tmp;

  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private static MainRun run(Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of(
        "sparktune.name=exit-codes",
        "sparktune.data.path=" + SparkTestSession.data("spambase/spambase.libsvm"),
        "sparktune.model.estimator=logistic-regression",
        "sparktune.model.fixed.maxIter=5",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}",
        "sparktune.search.trials=3",
        "sparktune.search.parallelism=1",
        "sparktune.cv.folds=2",
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out));
    args.addAll(Arrays.asList(overrides));
    return MainRun.of(args);
  }

  @Test
  void aTimeLimitTooShortForAnyTrialIsExit4() {
    MainRun r = run(tmp.resolve("short"), "sparktune.search.time-limit=1ms");
    assertEquals(Main.TIME_LIMIT, r.code(), r::toString);
    assertTrue(r.out().contains("sparktune.search.time-limit"), r::toString);
    assertTrue(!r.out().contains("see the error column"), "no errors to read: " + r);
  }

  @Test
  void aDamagedJournalIsExit6AndRecoverContinuesFromItsIntactEventsElsewhere() throws IOException {
    Path out = tmp.resolve("study");
    MainRun first = run(out);
    assertEquals(0, first.code(), first::toString);
    List<Path> segments;
    try (Stream<Path> files = Files.list(out.resolve("journal"))) {
      segments = files.filter(f -> f.getFileName().toString().startsWith("segment-")).sorted().toList();
    }
    Path middle = segments.get(segments.size() / 2);
    List<String> lines = new ArrayList<>(Files.readAllLines(middle));
    lines.set(0, lines.get(0).substring(0, lines.get(0).length() / 2));
    Files.write(middle, lines);
    Map<String, String> damaged = tree(out);

    MainRun refused = run(out);
    assertEquals(6, refused.code(), refused::toString);
    assertEquals(1, refused.err().lines().count(), refused::toString);
    assertTrue(refused.err().contains(middle.getFileName() + " line 1") && refused.err().contains("resume = recover"),
        refused::toString);
    assertEquals(damaged, tree(out), "nothing written");

    MainRun recovered = run(out, "sparktune.resume=recover");
    assertEquals(0, recovered.code(), recovered::toString);
    assertEquals(damaged, tree(out), "the damaged study is left for a person to look at");
    Path fresh;
    try (Stream<Path> dirs = Files.list(tmp)) {
      fresh = dirs.filter(d -> d.getFileName().toString().startsWith("study-recovered-")).findFirst().orElseThrow();
    }
    List<String> rows = Files.readAllLines(fresh.resolve("trials.csv"));
    assertEquals(4, rows.size(), "header and the 3 trials: " + rows);
  }

  @Test
  void everyExitCodeIsListedByHelpTheScriptAndTheReadme() throws Exception {
    Path project = Path.of(System.getProperty("sparktune.project.dir", "."));
    Process p = new ProcessBuilder("bash", project.resolve("submit/tune").toString(), "--help")
        .redirectErrorStream(true).start();
    String script = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor());
    String readme = Files.readString(project.resolve("README.md"));
    for (int code = 0; code <= 6; code++) {
      assertTrue(readme.contains("| " + code + " | "), "README's table has " + code);
      assertTrue(script.matches("(?s).*\\n  " + code + "  \\S.*"), "submit/tune --help lists " + code + ":\n" + script);
      assertTrue(Args.USAGE.matches("(?s).*\\b" + code + " [a-z].*"), "USAGE lists " + code);
    }
  }

  private static Map<String, String> tree(Path root) {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path f : all.toList()) {
        m.put(root.relativize(f).toString(), Files.isDirectory(f) ? "dir" : Arrays.toString(Files.readAllBytes(f)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }
}
