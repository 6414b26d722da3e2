package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code search.stop-when-converged} through the CLI on real data, as {@code
 * conf/examples/converged.conf} runs it: a decision tree on the breast cancer set, whose CV score is noisy (569 rows, 3 folds) next to what depth and leaf size change,
 * stops well before its 60 trials and says why on the console and in best.json.
 */
@Tag("spark")
class StopWhenConvergedTest {
  @TempDir Path dir;

  @Test
  void aNoisyStudyStopsBeforeItsBudgetAndSaysWhy() throws Exception {
    SparkTestSession.get();
    Path out = dir.resolve("converged");
    Path example = Path.of(System.getProperty("sparktune.project.dir", "."), "conf/examples/converged.conf");
    MainRun r = MainRun.of(List.of(example.toString(),
        "sparktune.data.path=" + SparkTestSession.data("sklearn_breast_cancer/breast_cancer.csv"),
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out.toUri()));
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("stopping: remaining improvement "), r.out());
    String best = Files.readString(out.resolve("best.json"));
    assertTrue(best.matches("(?s).*\"stop_reason\" *: *\"remaining improvement [0-9.e-]+ < CV std error [0-9.e-]+ \\(after \\d+ results\\)\".*"), best);
    long rows = Files.readAllLines(out.resolve("trials.csv")).size() - 1;
    assertTrue(rows >= 20 && rows < 60, rows + " trials");
  }
}
