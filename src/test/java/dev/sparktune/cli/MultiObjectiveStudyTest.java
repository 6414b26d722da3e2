package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/examples/tradeoff.conf} through the CLI's entry point (what submit/tune runs), on
 * a9a with fewer and cheaper trials: two objectives (AUC, fit seconds) and a constraint, the front
 * on the console, in best.json and in trials.csv, the refit model the member {@code select}
 * chooses; then the same command again with one more trial, which replays the first trials'
 * objective values from the journal instead of rerunning them.
 */
@Tag("spark")
class MultiObjectiveStudyTest {
  @TempDir Path dir;

  private MainRun run(Path out, int trials) {
    Path example = Path.of(System.getProperty("sparktune.project.dir", "."), "conf/examples/tradeoff.conf");
    return MainRun.of(List.of(example.toString(),
        "sparktune.data.path=" + SparkTestSession.data("a9a/a9a.libsvm.gz"),
        "sparktune.space.maxIter={type=int, low=2, high=12}",
        "sparktune.space.maxDepth={type=int, low=2, high=4}",
        "sparktune.cv.folds=2",
        // Bites at these sizes: depth 2 always keeps it, depth 4 only with a few trees.
        "sparktune.constraints=[model-size < 150]",
        "sparktune.search.trials=" + trials,
        "sparktune.search.parallelism=2",
        "sparktune.output.dir=" + out.toUri()));
  }

  /** trials.csv as rows of column → cell. */
  private static List<Map<String, String>> csv(Path file) throws Exception {
    List<String> lines = Files.readAllLines(file);
    String[] header = lines.get(0).split(",");
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.length; i++) row.put(header[i], cells[i]);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void aTwoObjectiveStudyFindsItsFrontRefitsTheSelectedMemberAndResumes() throws Exception {
    SparkTestSession.get();
    Path out = dir.resolve("tradeoff");
    MainRun r = run(out, 5);
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("pareto front: "), r.out());
    assertTrue(r.out().contains("<- selected"), r.out());

    List<Map<String, String>> rows = csv(out.resolve("trials.csv"));
    assertEquals(5, rows.size());
    for (Map<String, String> row : rows) {
      double seconds = Double.parseDouble(row.get("fit-seconds"));
      // The measure is the mean per fold, so it is the sum column over the two folds.
      assertEquals(Double.parseDouble(row.get("fit_seconds")) / 2, seconds, 1e-3, row.toString());
      assertEquals(Boolean.toString(Double.parseDouble(row.get("model-size")) < 150), row.get("feasible"), row.toString());
    }
    assertTrue(rows.stream().anyMatch(x -> x.get("feasible").equals("false")), "the constraint bites: " + rows);
    assertTrue(r.out().contains(" broke [model-size < 150]"), r.out());
    // The front by hand: feasible rows no other feasible row beats on both AUC and fit seconds.
    List<Integer> front = new ArrayList<>();
    for (Map<String, String> a : rows) {
      boolean dominated = false;
      for (Map<String, String> b : rows) {
        // An infeasible row dominates nothing: every feasible row ranks above it.
        if (!b.get("feasible").equals("true")) continue;
        double aucA = Double.parseDouble(a.get("areaUnderROC_mean"));
        double aucB = Double.parseDouble(b.get("areaUnderROC_mean"));
        double sA = Double.parseDouble(a.get("fit-seconds"));
        double sB = Double.parseDouble(b.get("fit-seconds"));
        if (aucB >= aucA && sB <= sA && (aucB > aucA || sB < sA)) dominated = true;
      }
      if (!dominated && a.get("feasible").equals("true")) front.add(Integer.parseInt(a.get("number")));
      assertEquals(Boolean.toString(!dominated && a.get("feasible").equals("true")), a.get("pareto"), a.toString());
    }
    assertFalse(front.isEmpty());

    JsonNode best = new ObjectMapper().readTree(out.resolve("best.json").toFile());
    List<Integer> inJson = new ArrayList<>();
    best.get("pareto").forEach(p -> inJson.add(p.get("trial").asInt()));
    assertEquals(front, inJson);
    assertEquals("areaUnderROC", best.get("objectives").get(0).get("name").asText());
    assertEquals("maximize", best.get("objectives").get(0).get("direction").asText());
    assertEquals("minimize", best.get("objectives").get(1).get("direction").asText());
    assertEquals("model-size < 150", best.get("constraints").get(0).asText());
    // select: within 0.002 of the front's best AUC, the least fit seconds.
    double top = rows.stream().filter(x -> front.contains(Integer.parseInt(x.get("number"))))
        .mapToDouble(x -> Double.parseDouble(x.get("areaUnderROC_mean"))).max().orElseThrow();
    int expected = rows.stream().filter(x -> front.contains(Integer.parseInt(x.get("number"))))
        .filter(x -> Double.parseDouble(x.get("areaUnderROC_mean")) >= top - 0.002)
        .min((x, y) -> Double.compare(Double.parseDouble(x.get("fit-seconds")), Double.parseDouble(y.get("fit-seconds"))))
        .map(x -> Integer.parseInt(x.get("number"))).orElseThrow();
    assertEquals(expected, best.get("best_trial").asInt());
    assertTrue(Files.isDirectory(out.resolve("model")), "the selected member is refit and saved");
    // The report draws the front, and submit/report rebuilds it from the directory (the metric is a list there).
    assertTrue(Files.readString(out.resolve("report.html")).contains("\"pareto\":{\"x\":\"areaUnderROC\""));
    Files.delete(out.resolve("report.html"));
    MainRun rebuilt = new MainRun(ReportMain.run(new String[] {out.toUri().toString()},
        new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), System.err,
        new org.apache.hadoop.conf.Configuration()), "", "");
    assertEquals(0, rebuilt.code());
    assertTrue(Files.readString(out.resolve("report.html")).contains("\"pareto\":{\"x\":\"areaUnderROC\""));

    // Resume with one more trial: the five replay with the values they had.
    MainRun again = run(out, 6);
    assertEquals(0, again.code(), again::toString);
    List<Map<String, String>> after = csv(out.resolve("trials.csv"));
    assertEquals(6, after.size());
    for (int i = 0; i < 5; i++) {
      assertEquals(rows.get(i).get("fit-seconds"), after.get(i).get("fit-seconds"));
      assertEquals(rows.get(i).get("areaUnderROC_mean"), after.get(i).get("areaUnderROC_mean"));
    }
  }
}
