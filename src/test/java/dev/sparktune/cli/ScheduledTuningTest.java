package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled study through the CLI entry point, in this JVM's shared Spark session: ASHA on real
 * data with a data-fraction budget, then a param budget. Checks what a user reads afterwards:
 * rung rows in trials.csv, the best at the top rung in best.json, a loadable refit model.
 */
@Tag("spark")
class ScheduledTuningTest {
  @BeforeAll
  static void spark() {
    SparkTestSession.get();
  }

  private static int run(Path out, String... overrides) {
    List<String> args = new java.util.ArrayList<>(List.of(
        "sparktune.name=scheduled",
        "sparktune.data.path=" + SparkTestSession.data("spambase/spambase.libsvm"),
        "sparktune.data.format=libsvm",
        "sparktune.model.estimator=logistic-regression",
        "sparktune.space.regParam={type=float, low=1e-4, high=1.0, log=true}",
        "sparktune.metric=areaUnderROC",
        "sparktune.search.sampler=random",
        "sparktune.search.parallelism=3",
        "sparktune.output.dir=" + out.toUri()));
    args.addAll(Arrays.asList(overrides));
    MainRun r = MainRun.of(args);
    assertEquals(0, r.code(), r::toString);
    return r.code();
  }

  /** Rows of trials.csv as column → value maps (no quoted commas in these tables). */
  private static List<Map<String, String>> table(Path dir) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("trials.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    return lines.subList(1, lines.size()).stream().map(l -> {
      String[] cells = l.split(",", -1);
      Map<String, String> row = new java.util.HashMap<>();
      for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells[i]);
      return row;
    }).toList();
  }

  /** model/ is a PipelineModel; for libsvm data its one stage is the tuned model. */
  private static LogisticRegressionModel predictor(Path out) {
    PipelineModel p = PipelineModel.load(out.resolve("model").toString());
    assertEquals(1, p.stages().length, () -> List.of(p.stages()).toString());
    return (LogisticRegressionModel) p.stages()[0];
  }

  @Test
  void ashaOnDataFractionsPromotesTheBestAndRefitsAtTheTop(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("asha");
    run(out, "sparktune.model.fixed.maxIter=20", "sparktune.search.trials=9", "sparktune.schedule.type=asha",
        "sparktune.schedule.budget={kind=data-fraction, min=0.1, max=1.0}", "sparktune.schedule.eta=3");
    List<Map<String, String>> rows = table(out);
    Map<String, Long> perRung = rows.stream().collect(Collectors.groupingBy(r -> r.get("rung"), Collectors.counting()));
    assertEquals(9, perRung.get("0"), "9 configurations start at the bottom rung: " + perRung);
    assertTrue(perRung.getOrDefault("2", 0L) >= 1, "someone reached the full budget: " + perRung);
    assertTrue(rows.stream().anyMatch(r -> r.get("state").equals("PROMOTED")), "promotions are recorded");
    for (Map<String, String> r : rows) {
      if (!r.get("rung").equals("0")) {
        // a promotion evaluates a configuration that already ran one rung lower
        assertTrue(rows.stream().anyMatch(p -> p.get("config").equals(r.get("config"))
            && Integer.parseInt(p.get("rung")) == Integer.parseInt(r.get("rung")) - 1), "orphan rung row " + r);
      }
    }
    String best = Files.readString(out.resolve("best.json"));
    assertTrue(best.contains("\"best_rung\": 2,"), "the best is at the top rung: " + best);
    // every evaluation's Spark cost, from its job group: tasks ran, CPU was spent, nothing dropped
    for (Map<String, String> r : rows) {
      assertTrue(Long.parseLong(r.get("spark_tasks")) > 0, "tasks of " + r);
      assertTrue(Double.parseDouble(r.get("executor_run_seconds")) > 0, "run time of " + r);
      assertEquals("true", r.get("cost_complete"), r.toString());
    }
    long tasks = rows.stream().mapToLong(r -> Long.parseLong(r.get("spark_tasks"))).sum();
    assertTrue(best.contains("\"spark_cost\": {\n    \"trials\": " + rows.size() + ",\n"), best);
    assertTrue(best.contains("\"tasks\": " + tasks + ","), "best.json's total is the sum of the rows: " + tasks + " " + best);
    LogisticRegressionModel m = predictor(out);
    assertEquals(57, m.numFeatures());

    // The study wrote report.html; a real browser draws every chart of it with the right counts.
    var conf = new org.apache.hadoop.conf.Configuration();
    var data = ReportMain.read(out.toString(), new dev.sparktune.engine.ResultsDir(out.toString(), conf), conf);
    assertTrue(data.end().isPresent(), "the study ended");
    assertEquals(rows.size(), data.costs().size(), "every evaluation's cost is in the journal");
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("\"stop\":\"" + data.end().get().stopReason() + "\""), "the study's own report says how it ended");
    dev.sparktune.report.BrowserReportTest.check(out.resolve("report.html"),
        Path.of("target", "report-asha", "report.png"), data);
    // submit/report rebuilds it from the directory alone, and exports it to Optuna
    ReportMainTest.Run again = ReportMainTest.report("--export", "optuna", out.toString());
    assertEquals(0, again.code(), again.toString());
    if (dev.sparktune.report.Tools.hasOptuna()) {
      var study = ReportMainTest.loadWithOptuna(out.resolve("optuna-journal.log"), "scheduled");
      assertEquals(9, study.get("trials").size(), "one Optuna trial per configuration");
      assertEquals(Double.parseDouble(best.split("\"cv_mean\": ")[1].split(",")[0]), study.get("best_value").asDouble(), 0.0,
          "the same best");
    }
  }

  @Test
  void paramBudgetGrowsMaxIterAndTheRefitKeepsTheTopValue(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("hyperband");
    run(out, "sparktune.search.trials=6", "sparktune.schedule.type=successive-halving",
        "sparktune.schedule.budget={kind=param, param=maxIter, min=3, max=27}", "sparktune.schedule.eta=3");
    List<Map<String, String>> rows = table(out);
    assertTrue(rows.stream().anyMatch(r -> r.get("budget").equals("maxIter=3")), "bottom rung at maxIter 3");
    assertTrue(rows.stream().anyMatch(r -> r.get("budget").equals("maxIter=27")), "top rung at maxIter 27");
    LogisticRegressionModel m = predictor(out);
    assertEquals(27, m.getMaxIter(), "the refit uses the budget the best won at");
  }
}
