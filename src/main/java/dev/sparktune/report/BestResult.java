package dev.sparktune.report;

import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import dev.sparktune.trial.TrialState;
import dev.sparktune.trial.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What best.json says: the best configuration, the rung and budget it was evaluated at (always the
 * maximum) and its cross-validated score, the refit model's score on the held-out test set,
 * counts (evaluations, configurations, promoted, stopped, pruned, timeout, cancelled, per rung) and timings,
 * the columns a scorer reads and writes, and warnings such as a likely leak. Written for a
 * scheduler to read.
 *
 * @param refit empty when refit was off or no trial completed
 * @param columns the label and feature columns the study used; empty when unknown
 * @param warnings doubts about the result (e.g. a regression score too perfect to be true), each one line
 */
public record BestResult(String name, String metric, Direction direction, StudyResult study,
    Optional<Refit> refit, int parallelism, double totalSeconds, Optional<Columns> columns, List<String> warnings) {

  /** Prefix of a warning that the score is too good to be true. */
  public static final String LIKELY_LEAK = "likely leak";

  public BestResult {
    warnings = List.copyOf(warnings);
  }

  /** A result without column information or warnings. */
  public BestResult(String name, String metric, Direction direction, StudyResult study, Optional<Refit> refit,
      int parallelism, double totalSeconds) {
    this(name, metric, direction, study, refit, parallelism, totalSeconds, Optional.empty(), List.of());
  }

  /**
   * The columns of the data as the study used them.
   *
   * @param label the label column
   * @param features the source columns the features came from, in the order they were assembled
   * @param labelValues a string label's values by class index (prediction i means labelValues[i]); empty otherwise
   */
  public record Columns(String label, List<String> features, List<String> labelValues) {
    public Columns {
      features = List.copyOf(features);
      labelValues = List.copyOf(labelValues);
    }
  }

  /**
   * The refit of the best configuration on all training data.
   *
   * @param modelClass the fitted model's class (the predictor, or a PipelineModel for a pipeline)
   * @param stages the saved PipelineModel's stage classes, in order; empty when it was not saved
   * @param predictionColumn where the saved model writes the prediction in the label's terms
   */
  public record Refit(String modelClass, String modelPath, OptionalDouble testMetric, long testRows,
      double seconds, List<String> stages, String predictionColumn) {
    public Refit {
      stages = List.copyOf(stages);
    }

    public Refit(String modelClass, String modelPath, OptionalDouble testMetric, long testRows, double seconds) {
      this(modelClass, modelPath, testMetric, testRows, seconds, List.of(), "prediction");
    }
  }

  public String toJson() {
    return toJson(Map.of());
  }

  /**
   * With {@code spark_cost}: what Spark spent on all the trials whose cost was recorded, summed
   * (the peak execution memory is the largest of any task), and whether those sums are complete.
   */
  public String toJson(Map<Integer, TrialCost> costs) {
    return toJson(costs, Map.of());
  }

  /** With {@code more} keys at the end (the front of a study with several objectives: {@link ParetoJson}). */
  public String toJson(Map<Integer, TrialCost> costs, Map<String, Object> more) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", name);
    root.put("metric", metric);
    root.put("direction", direction.name().toLowerCase(Locale.ROOT));
    columns.ifPresent(c -> {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("label", c.label());
      data.put("label_values", c.labelValues().isEmpty() ? null : c.labelValues());
      data.put("features", c.features());
      root.put("data", data);
    });
    Optional<Trial> best = study.best();
    if (best.isPresent()) {
      Trial t = best.get();
      Outcome.Completed c = (Outcome.Completed) t.outcome().orElseThrow();
      root.put("best_trial", t.number());
      root.put("best_config", t.configId());
      // Only evaluations at the maximum budget can be best; the rung and budget say which one.
      root.put("best_rung", t.rung());
      root.put("best_budget", budget(t.budget()));
      root.put("best_params", new LinkedHashMap<>(t.assignment().values()));
      root.put("cv_mean", c.value());
      root.put("cv_std", c.std());
      root.put("cv_folds", List.copyOf(c.folds()));
    } else {
      root.put("best_trial", null);
    }
    refit.ifPresent(r -> {
      root.put("test_metric", r.testMetric().isPresent() ? r.testMetric().getAsDouble() : null);
      root.put("test_rows", r.testRows());
      // model/ holds a PipelineModel from source columns to prediction; the tuned model is one stage.
      root.put("model_class", r.stages().isEmpty() ? r.modelClass() : "org.apache.spark.ml.PipelineModel");
      root.put("model_path", r.modelPath());
      if (!r.stages().isEmpty()) root.put("model_stages", r.stages());
      root.put("predictor_class", r.modelClass());
      root.put("prediction_column", r.predictionColumn());
    });
    root.put("likely_leak", warnings.stream().anyMatch(w -> w.startsWith(LIKELY_LEAK)));
    root.put("warnings", warnings);
    Map<String, Object> counts = new LinkedHashMap<>();
    List<Trial> trials = study.trials();
    counts.put("trials", trials.size());
    counts.put("configurations", History.of(trials).configurations());
    counts.put("complete", trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    counts.put("failed", trials.stream().filter(t -> t.state() == TrialState.FAILED).count());
    List<Verdict> verdicts = History.of(trials).verdicts();
    for (Verdict v : List.of(Verdict.PROMOTED, Verdict.STOPPED, Verdict.PRUNED, Verdict.TIMEOUT, Verdict.CANCELLED)) {
      counts.put(v.name().toLowerCase(Locale.ROOT), verdicts.stream().filter(v::equals).count());
    }
    root.put("counts", counts);
    Map<String, Long> rungs = new TreeMap<>();
    for (Trial t : trials) rungs.merge(t.rung() + ": " + t.budget().label(), 1L, Long::sum);
    root.put("evaluations_per_rung", new LinkedHashMap<>(rungs));
    root.put("stop_reason", study.stopReason());
    root.put("parallelism", parallelism);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("tuning_seconds", study.elapsed().toMillis() / 1000.0);
    timings.put("refit_seconds", refit.map(Refit::seconds).orElse(0.0));
    timings.put("total_seconds", totalSeconds);
    root.put("timings", timings);
    if (!costs.isEmpty()) root.put("spark_cost", costJson(costs));
    root.putAll(more);
    return Json.render(root);
  }

  private static Map<String, Object> costJson(Map<Integer, TrialCost> costs) {
    TrialCost all = TrialCost.sum(costs.values());
    SparkCost c = all.total();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trials", costs.size());
    m.put("jobs", c.jobs());
    m.put("tasks", c.tasks());
    m.put("executor_run_seconds", c.runMs() / 1000.0);
    m.put("executor_cpu_seconds", c.cpuMs() / 1000.0);
    m.put("gc_seconds", c.gcMs() / 1000.0);
    m.put("shuffle_read_bytes", c.shuffleReadBytes());
    m.put("shuffle_write_bytes", c.shuffleWriteBytes());
    m.put("memory_spill_bytes", c.memorySpillBytes());
    m.put("disk_spill_bytes", c.diskSpillBytes());
    m.put("peak_execution_memory_bytes", c.peakExecutionMemory());
    // false: Spark dropped listener events while some trial ran, so these sums may be short.
    m.put("complete", all.complete());
    return m;
  }

  private static Map<String, Object> budget(Budget b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", b.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (!b.param().isEmpty()) m.put("param", b.param());
    m.put("amount", b.amount());
    m.put("max", b.max());
    return m;
  }
}
