package dev.sparktune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Echo;
import dev.sparktune.config.SpaceReader;
import dev.sparktune.engine.ResultsDir;
import dev.sparktune.report.HtmlReport;
import dev.sparktune.report.OptunaJournal;
import dev.sparktune.report.ReportData;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.Journal;
import dev.sparktune.store.JournalDamaged;
import dev.sparktune.store.JournalTrialStore;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code submit/report}: rebuilds report.html of a study from its output directory alone (the
 * journal, config.conf, and best.json once the study has ended), on any Hadoop FileSystem, with no
 * Spark: for a finished study, a running one (it only reads), or one whose driver is long gone.
 * {@code --export optuna} also writes the study in Optuna's journal-file format.
 */
public final class ReportMain {
  static final String USAGE = """
      Usage: submit/report [--export optuna] <output.dir>

      Rebuilds report.html in a study's output directory from what the study wrote there
      (journal/, config.conf, and best.json once it has ended), without Spark: for a
      finished study, a running one (nothing it writes is touched), or one on HDFS or
      another Hadoop FileSystem (hdfs://..., s3a://...; HADOOP_CONF_DIR is read).
      report.html is one self-contained file that opens offline in any browser.

      Options
        --export optuna  also write optuna-journal.log: the study in Optuna's journal-file
                         format, one Optuna trial per configuration (rung scores as
                         intermediate values). Load it with
                           optuna.load_study(study_name=NAME, storage=optuna.storages.JournalStorage(
                               optuna.storages.JournalFileStorage("optuna-journal.log")))
                         (JournalFileBackend in Optuna 4), or open it in optuna-dashboard
        --help, -h       this text

      Exit codes
        0  written; the path and the number of evaluations are printed
        1  the directory could not be read or written
        2  bad usage, or the directory holds no sparktune study (no journal/ with segments)
        6  the study's journal is damaged; one line names the file
      """;
  static final String OPTUNA_FILE = "optuna-journal.log";
  // MLlib evaluators whose isLargerBetter() is false; the direction while a study runs (best.json says it after).
  private static final Set<String> LOWER_IS_BETTER = Set.of("rmse", "mse", "mae", "logLoss", "hammingLoss",
      "weightedFalsePositiveRate", "falsePositiveRateByLabel");

  private ReportMain() {}

  public static void main(String[] argv) {
    System.exit(run(argv, System.out, System.err, new Configuration()));
  }

  static int run(String[] argv, PrintStream out, PrintStream err, Configuration conf) {
    List<String> args = new ArrayList<>(List.of(argv));
    if (args.contains("--help") || args.contains("-h")) {
      out.print(USAGE);
      return Main.OK;
    }
    boolean optuna = false;
    int e = args.indexOf("--export");
    if (e >= 0) {
      if (e + 1 >= args.size() || !args.get(e + 1).equals("optuna")) {
        err.println("submit/report: --export takes 'optuna' (the only format), got "
            + (e + 1 < args.size() ? "'" + Echo.of(args.get(e + 1)) + "'" : "nothing"));
        return Main.BAD_CONFIG;
      }
      optuna = true;
      args.remove(e + 1);
      args.remove(e);
    }
    if (args.size() != 1 || args.get(0).startsWith("-")) {
      err.println("submit/report: expected one output directory, got " + (args.isEmpty() ? "none" : args)
          + "; see submit/report --help");
      return Main.BAD_CONFIG;
    }
    String dir = args.get(0);
    try {
      if (!ResultsDir.inspect(dir, conf).study()) {
        err.println("submit/report: '" + Echo.of(dir) + "' holds no sparktune study (no journal/ with segments); "
            + "expected the sparktune.output.dir of a study");
        return Main.BAD_CONFIG;
      }
      ResultsDir results = new ResultsDir(dir, conf);
      ReportData data = read(dir, results, conf);
      String html = HtmlReport.build(data);
      results.write(LiveReport.FILE, html);
      out.printf(Locale.ROOT, "report: %s (%d evaluations, %s, %d KB)%n", results.resolve(LiveReport.FILE),
          data.trials().size(), data.end().isPresent() ? "finished" : "running or stopped",
          html.getBytes(StandardCharsets.UTF_8).length / 1024);
      if (optuna) {
        results.write(OPTUNA_FILE, OptunaJournal.export(data.name(), data.space(), data.direction(), data.trials()));
        out.println("optuna: " + results.resolve(OPTUNA_FILE) + " (study_name '" + data.name() + "')");
      }
      return Main.OK;
    } catch (JournalDamaged x) {
      err.println("submit/report: " + Echo.line(x.getMessage()));
      return Main.DAMAGED;
    } catch (ConfigError x) {
      err.println("submit/report: " + Echo.line(x.getMessage()));
      return Main.BAD_CONFIG;
    } catch (RuntimeException x) {
      err.println("submit/report: " + Echo.line(String.valueOf(x.getMessage())));
      return Main.FAILED;
    }
  }

  static ReportData read(String dir, ResultsDir results, Configuration conf) {
    Journal journal = new Journal(new HadoopJournalBackend(dir.replaceAll("/+$", "") + "/journal", conf), 32, w -> { }, () -> false);
    JournalTrialStore store = JournalTrialStore.open(journal);
    String text = results.read("config.conf").orElseThrow(() -> new ConfigError(
        "'" + results.resolve("config.conf") + "' is missing: the study writes it before its first trial"));
    Config config;
    try {
      config = ConfigFactory.parseString(text).resolve();
    } catch (ConfigException x) {
      throw new ConfigError("cannot read " + results.resolve("config.conf") + ": " + x.getMessage());
    }
    SearchSpace space = SpaceReader.read(config);
    String name = config.getString("sparktune.name");
    // A study with several objectives lists them: the evaluator metric is the one that is not built in.
    dev.sparktune.config.ObjectivesSettings objectives = dev.sparktune.config.ObjectivesSettings.read(config);
    String configured = objectives.metric();
    String model = config.hasPath("sparktune.model.estimator") ? config.getString("sparktune.model.estimator") : "";
    String estimator = model.isEmpty() ? "pipeline" : model;
    int folds = config.getInt("sparktune.cv.folds");
    List<Trial> trials = store.trials();
    Optional<JsonNode> best = results.read("best.json").map(ReportMain::json);
    // A best.json from an earlier run of a study that is running again does not say how this one ended.
    boolean running = trials.stream().anyMatch(t -> t.finished().isEmpty());
    Direction direction = best.map(b -> b.path("direction").asText("").equals("minimize") ? Direction.MINIMIZE
        : Direction.MAXIMIZE).orElseGet(() -> guess(configured, estimator));
    String metric = best.map(b -> b.path("metric").asText("")).filter(m -> !m.isEmpty())
        .orElse(configured.isEmpty() ? "the evaluator's default metric" : configured);
    Optional<ReportData.End> end = best.filter(b -> !running).map(b -> new ReportData.End(
        b.path("stop_reason").asText(""),
        b.path("test_metric").isNumber() ? OptionalDouble.of(b.path("test_metric").asDouble()) : OptionalDouble.empty(),
        b.path("timings").path("total_seconds").asDouble(0)));
    ReportData data = new ReportData(name, metric, direction, estimator, folds, space, trials, store.costs(), end,
        Instant.now());
    return objectives.beyondOneScore() ? data.withGoals(objectives.goals(metric, direction)) : data;
  }

  /** MLlib's default metrics: areaUnderROC or f1 (larger is better) for a classifier, rmse for a regressor. */
  static Direction guess(String metric, String estimator) {
    if (metric.isEmpty()) return estimator.contains("regress") ? Direction.MINIMIZE : Direction.MAXIMIZE;
    return LOWER_IS_BETTER.contains(metric) ? Direction.MINIMIZE : Direction.MAXIMIZE;
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException x) {
      throw new ConfigError("best.json is not JSON: " + x.getMessage());
    }
  }
}
