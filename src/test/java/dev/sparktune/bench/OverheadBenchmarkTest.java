package dev.sparktune.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small real run of submit/overhead-benchmark's class: its output, trials.csv and journal agree. */
class OverheadBenchmarkTest {
  @TempDir Path dir;

  @Test
  void aShortRunEndsWithTheOverheadLineAndLeavesAReplayableJournal() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Path runDir = dir.resolve("run");
    int code = OverheadBenchmark.run(new OverheadBenchmark.Options(60, 5, 4, runDir), out);
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(0, code, String.join("\n", lines));
    assertTrue(lines.get(lines.size() - 1).matches("overhead at 60 trials: -?[0-9.]+% over ideal"), lines.toString());
    Matcher m = Pattern.compile("60 configurations, (\\d+) evaluations").matcher(String.join("\n", lines));
    assertTrue(m.find(), lines.toString());
    int evaluations = Integer.parseInt(m.group(1));
    assertTrue(evaluations > 60, "ASHA promoted some configurations: " + evaluations);
    assertTrue(lines.contains("journal replay: " + evaluations + " trials in " + lines.stream()
        .filter(l -> l.startsWith("journal replay: ")).findFirst().orElseThrow().replaceAll(".* in ", "")), lines.toString());
    assertEquals(evaluations + 1, Files.readAllLines(runDir.resolve("trials.csv")).size(), "header + one row per evaluation");
    assertTrue(Files.readString(runDir.resolve("best.json")).contains("\"areaUnderROC\""));
  }

  @Test
  void badOptionsAreOneLineNamingTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OverheadBenchmark.parse(new String[] {"--trials", "0"}));
    assertEquals("--trials: expected a positive integer, got '0'", e.getMessage());
    assertNull(OverheadBenchmark.parse(new String[] {"--help"}));
  }
}
