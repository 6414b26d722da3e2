package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparktune.report.Tools;
import dev.sparktune.space.Assignment;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.StudyFingerprint;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.TrialCost;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit/report's Java side on a study directory written through the journal, without Spark. */
class ReportMainTest {
  static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");
  static final String CONFIG = """
      sparktune {
        name = "report-test"
        metric = ""
        model { estimator = "random-forest-regressor" }
        cv { folds = 2 }
        space {
          maxDepth { type = int, low = 2, high = 8 }
          featureSubsetStrategy { type = categorical, values = ["auto", "<img src=x onerror=alert(1)>"] }
          subsamplingRate { type = float, low = 0.5, high = 1.0, when { featureSubsetStrategy = [auto] } }
        }
      }
      """;

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run report(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = ReportMain.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), new Configuration());
    return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }

  /**
   * A small ASHA-like study (minimising rmse): configs 0-2 at rung 0, config 0 promoted and
   * completed at the top, config 1 stopped, config 2 failed, config 3 still running.
   */
  static void writeStudy(Path out) throws Exception {
    Files.createDirectories(out);
    writeStudy(out.toUri().toString(), new Configuration());
  }

  /** The same study in {@code dir} on any Hadoop FileSystem. */
  static void writeStudy(String dir, Configuration conf) throws Exception {
    new dev.sparktune.engine.ResultsDir(dir, conf).write("config.conf", CONFIG);
    JournalTrialStore s = JournalTrialStore.open(new Journal(new HadoopJournalBackend(dir + "/journal", conf), 32, w -> { }));
    s.begin(new StudyFingerprint("space", "data", "", "rf"), T0);
    Budget low = Budget.dataFraction(1.0 / 3, 1.0);
    Assignment a = Assignment.of(Map.of("maxDepth", 5L, "featureSubsetStrategy", "auto", "subsamplingRate", 0.75));
    Assignment b = Assignment.of(Map.of("maxDepth", 3L, "featureSubsetStrategy", "<img src=x onerror=alert(1)>"));
    Assignment c = Assignment.of(Map.of("maxDepth", 8L, "featureSubsetStrategy", "auto", "subsamplingRate", 0.5));
    var t0 = s.create(a, low, Lineage.root(0, 0, 0), T0);
    s.finish(0, Outcome.Completed.ofFolds(List.of(0.5, 0.7), 1), T0.plusSeconds(10));
    s.recordCost(0, new TrialCost(Map.of(0, new SparkCost(2, 8, 900, 800, 10, 0, 0, 0, 0, 100)), true));
    s.create(b, low, Lineage.root(1, 0, 0), T0.plusSeconds(1));
    s.finish(1, Outcome.Completed.ofFolds(List.of(0.9, 1.1), 1), T0.plusSeconds(12));
    s.create(c, low, Lineage.root(2, 0, 0), T0.plusSeconds(2));
    s.finish(2, new Outcome.Failed("SparkException: <script>alert(3)</script>"), T0.plusSeconds(3));
    s.create(a, Budget.dataFraction(1.0, 1.0), Lineage.promoted(t0, 1), T0.plusSeconds(11));
    s.finish(3, Outcome.Completed.ofFolds(List.of(0.4, 0.5), 2), T0.plusSeconds(30));
    s.create(Assignment.of(Map.of("maxDepth", 4L, "featureSubsetStrategy", "auto", "subsamplingRate", 0.9)), low,
        Lineage.root(4, 0, 0), T0.plusSeconds(31));
  }

  @Test
  void rebuildsTheReportOfARunningStudyFromItsDirectory() throws Exception {
    Path out = dir.resolve("study");
    writeStudy(out);
    Run r = report(out.toString());
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().contains("report.html (5 evaluations, running or stopped, "), r.out());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("\"direction\":\"minimize\""), "rmse, the regressor's default, is minimised");
    assertTrue(html.contains("\"name\":\"report-test\""));
    assertTrue(html.contains("\"end\":null"), "a running study has not ended");
    assertFalse(html.contains("<img"), "the hostile choice is escaped");
    assertTrue(html.contains("\"trial\":3,\"mean\":0.45"), "the best is config 0 at the top rung");
    assertEquals(List.of("config.conf", "journal", "report.html"),
        Files.list(out).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList(),
        "nothing else is written (hidden files aside: Hadoop's local checksums)");
  }

  @Test
  void readsAndWritesAStudyOnHdfs() throws Exception {
    Configuration conf = new Configuration();
    conf.set(org.apache.hadoop.hdfs.MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    org.apache.hadoop.hdfs.MiniDFSCluster dfs = new org.apache.hadoop.hdfs.MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    try {
      String study = dfs.getFileSystem().getUri() + "/tuning/report-test";
      writeStudy(study, conf);
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      int code = ReportMain.run(new String[] {"--export", "optuna", study}, new PrintStream(o, true, StandardCharsets.UTF_8),
          new PrintStream(e, true, StandardCharsets.UTF_8), conf);
      assertEquals(0, code, o + " " + e);
      var fs = dfs.getFileSystem();
      String html = new String(fs.open(new org.apache.hadoop.fs.Path(study + "/report.html")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(html.contains("\"name\":\"report-test\"") && html.contains("\"trials\":[[0,"), "the report of the HDFS study");
      assertTrue(fs.exists(new org.apache.hadoop.fs.Path(study + "/optuna-journal.log")));
      assertTrue(o.toString(StandardCharsets.UTF_8).startsWith("report: " + study + "/report.html (5 evaluations"), o.toString());
    } finally {
      dfs.shutdown();
    }
  }

  @Test
  void aDirectoryWithoutAStudyIsOneLineAndExitTwo() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Run r = report(dir.toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("submit/report: '" + dir + "' holds no sparktune study (no journal/ with segments); expected the "
        + "sparktune.output.dir of a study", r.err().strip());
    assertFalse(Files.exists(dir.resolve("report.html")));
    assertEquals(2, report(dir.resolve("missing").toString()).code());
    assertEquals(2, report().code());
    assertEquals(2, report("--export", "csv", dir.toString()).code());
    assertEquals(0, report("--help").code());
  }

  @Test
  void theHelpOfTheScriptIsTheHelpOfTheProgram() throws Exception {
    Tools.Result help = toolsRun(List.of("bash", "submit/report", "--help"));
    assertEquals(0, help.code());
    assertEquals(ReportMain.USAGE, help.out());
  }

  private static Tools.Result toolsRun(List<String> cmd) throws Exception {
    return Tools.run(cmd, 60);
  }

  @Test
  void theOptunaExportLoadsInOptunaWithItsTrialsParamsValuesAndStates() throws Exception {
    Tools.require(Tools.hasOptuna(), "Debian's python3-optuna");
    Path out = dir.resolve("study");
    writeStudy(out);
    Run r = report("--export", "optuna", out.toString());
    assertEquals(0, r.code(), r.toString());
    JsonNode study = loadWithOptuna(out.resolve("optuna-journal.log"), "report-test");
    assertEquals("MINIMIZE", study.get("direction").asText());
    JsonNode trials = study.get("trials");
    assertEquals(4, trials.size(), "one Optuna trial per configuration: " + trials);
    // config 0: rung 0 then the top rung, complete, with both rung scores as intermediate values
    assertEquals("COMPLETE", trials.get(0).get("state").asText());
    assertEquals(0.45, trials.get(0).get("value").asDouble(), 1e-12);
    assertEquals(Map.of("0", 0.6, "1", 0.45), new ObjectMapper().convertValue(trials.get(0).get("intermediate"), Map.class));
    assertEquals(5, trials.get(0).get("params").get("maxDepth").asInt());
    assertEquals("auto", trials.get(0).get("params").get("featureSubsetStrategy").asText());
    assertEquals(0.75, trials.get(0).get("params").get("subsamplingRate").asDouble(), 1e-12);
    // config 1: stopped at rung 0 is Optuna's PRUNED; its inactive conditional param is absent
    assertEquals("PRUNED", trials.get(1).get("state").asText());
    assertEquals("<img src=x onerror=alert(1)>", trials.get(1).get("params").get("featureSubsetStrategy").asText());
    assertFalse(trials.get(1).get("params").has("subsamplingRate"));
    assertEquals("FAIL", trials.get(2).get("state").asText());
    assertEquals("SparkException: <script>alert(3)</script>", trials.get(2).get("error").asText());
    assertEquals("RUNNING", trials.get(3).get("state").asText());
    assertEquals(0.45, study.get("best_value").asDouble(), 1e-12);
  }

  /** The study as Optuna sees it, read by Debian's python3 through JournalStorage. */
  public static JsonNode loadWithOptuna(Path journal, String name) throws Exception {
    String script = """
        import json, sys, optuna
        storages = optuna.storages
        backend = (storages.JournalFileStorage if hasattr(storages, "JournalFileStorage")
                   else storages.journal.JournalFileBackend)(sys.argv[1])
        study = optuna.load_study(study_name=sys.argv[2], storage=storages.JournalStorage(backend))
        print(json.dumps({
          "direction": study.direction.name,
          "best_value": study.best_value,
          "trials": [{"number": t.number, "state": t.state.name, "value": t.value, "params": t.params,
                      "intermediate": {str(k): v for k, v in t.intermediate_values.items()},
                      "error": t.user_attrs.get("error")} for t in study.trials]}))
        """;
    Tools.Result r = Tools.run(List.of(Tools.PYTHON.toString(), "-c", script, journal.toString(), name), 120);
    assertEquals(0, r.code(), r.out());
    String last = r.out().strip().lines().reduce((x, y) -> y).orElse("");
    return new ObjectMapper().readTree(last);
  }
}
