package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GBT grid with a maxIter axis through the CLI: with search.gbt-prefixes (the default) each
 * maxDepth's largest maxIter is fitted once per fold and the smaller points take its first trees;
 * switched off, every point fits; trials.csv has the same scores both ways.
 */
@Tag("spark")
class GbtGridTuningTest {
  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private static MainRun run(Path out, String... overrides) {
    List<String> args = new ArrayList<>(List.of(
        "sparktune.name=gbt-grid",
        "sparktune.data.path=" + SparkTestSession.data("spambase/spambase.libsvm"),
        "sparktune.data.format=libsvm",
        "sparktune.model.estimator=gbt-classifier",
        "sparktune.space.maxDepth=[2, 3]",
        "sparktune.space.maxIter=[2, 5]",
        "sparktune.metric=areaUnderROC",
        "sparktune.cv.folds=2",
        "sparktune.search.sampler=grid",
        "sparktune.search.parallelism=2",
        "sparktune.output.refit=false",
        "sparktune.output.dir=" + out.toUri()));
    args.addAll(Arrays.asList(overrides));
    MainRun r = MainRun.of(args);
    assertEquals(0, r.code(), r::toString);
    return r;
  }

  /** trials.csv's params and scores (no timing columns), by trial: maxDepth, maxIter, then each fold's and the mean. */
  private static List<List<String>> rows(Path out) throws Exception {
    List<String> lines = Files.readAllLines(out.resolve("trials.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    List<List<String>> kept = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      List<String> row = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i);
        if (h.equals("maxDepth") || h.equals("maxIter") || h.contains("_fold") || h.endsWith("_mean")) row.add(cells[i]);
      }
      kept.add(row);
    }
    return kept;
  }

  @Test
  void theSmallerMaxIterPointsAreScoredFromPrefixesWithTheSameScores(@TempDir Path dir) throws Exception {
    MainRun on = run(dir.resolve("on"));
    // 2 maxDepth groups × 2 folds fit 5 trees (their maxIter = 2 trials); the maxIter = 5 trials take them whole.
    assertTrue(on.out().contains("GBT prefixes: 4 fold scores taken from the first trees of 4 fits"), on::toString);
    MainRun off = run(dir.resolve("off"), "sparktune.search.gbt-prefixes=false");
    assertFalse(off.out().contains("GBT prefixes"), off::toString);
    List<List<String>> a = rows(dir.resolve("on"));
    List<List<String>> b = rows(dir.resolve("off"));
    assertEquals(4, a.size(), a::toString);
    assertEquals(4, b.size(), b::toString);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(5, a.get(i).size(), "maxDepth, maxIter, 2 folds and the mean: " + a.get(i));
      assertEquals(a.get(i).subList(0, 2), b.get(i).subList(0, 2), "the same point in the same place");
      for (int j = 2; j < 5; j++) {
        assertEquals(Double.parseDouble(b.get(i).get(j)), Double.parseDouble(a.get(i).get(j)), 1e-9, a.get(i) + " vs " + b.get(i));
      }
    }
  }
}
