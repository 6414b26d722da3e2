package dev.sparktune.ml;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.sparktune.config.CodeSettings;
import dev.sparktune.config.ConfigError;
import dev.sparktune.engine.AutoParallelism;
import dev.sparktune.mllib.BuiltEstimator;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.mllib.ParamBinder;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.store.hadoop.HadoopJournalBackend;
import dev.sparktune.study.FaultPolicy;
import dev.sparktune.study.RefitReserve;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyBuilder;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Trial;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A drop-in for MLlib's {@code CrossValidator}: the same params under the same names and types
 * ({@code estimator}, {@code evaluator}, {@code estimatorParamMaps}, {@code numFolds},
 * {@code foldCol}, {@code seed}, {@code parallelism}, {@code collectSubModels}), the same
 * k-fold split, and a model with {@code avgMetrics()}, {@code stdMetrics()} and
 * {@code bestModel()}. A grid runs exactly CrossValidator's search, with the folds cached once
 * and every (point, fold) fit in flight at once; instead of a grid, a {@code space} (the CLI's
 * {@code space} block) is searched by any of the CLI's samplers and schedules, set in
 * {@code settings} with the CLI's keys and defaults. Both run on the CLI's core: the study,
 * samplers, schedules and journal, and the MLlib objective.
 *
 * <p>{@code outputDir} keeps the study's journal in {@code <outputDir>/journal} on any Hadoop
 * FileSystem: fitting again with the same settings resumes it, as {@code submit/tune} does.
 */
public class SparkTune extends Estimator<SparkTuneModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;

  // Assigned in the constructor, after uid: a Param records its parent's uid when created.
  private final Param<Estimator<?>> estimator;
  private final Param<Evaluator> evaluator;
  private final Param<ParamMap[]> estimatorParamMaps;
  private final IntParam numFolds;
  private final Param<String> foldCol;
  private final LongParam seed;
  private final IntParam parallelism;
  private final BooleanParam collectSubModels;
  private final Param<String> space;
  private final Param<String> settings;
  private final Param<String> sampler;
  private final IntParam trials;
  private final Param<String> timeLimit;
  private final Param<String> outputDir;

  public SparkTune(String uid) {
    this.uid = uid;
    this.estimator = new Param<>(this, "estimator", "estimator for selection");
    this.evaluator = new Param<>(this, "evaluator",
      "evaluator used to select hyper-parameters that maximize the validated metric");
    this.estimatorParamMaps = new Param<>(this, "estimatorParamMaps",
      "param maps for the estimator (a grid: exactly CrossValidator's search)");
    this.numFolds = new IntParam(this, "numFolds", "number of folds for cross validation (>= 2)",
      ParamValidators.gtEq(2));
    this.foldCol = new Param<>(this, "foldCol", "the column that holds user-specified fold "
      + "numbers (0 .. numFolds-1); empty: folds drawn by seed, as CrossValidator draws them");
    this.seed = new LongParam(this, "seed", "random seed of the folds, as CrossValidator's (the sampler's is search.seed in settings)");
    this.parallelism = new IntParam(this, "parallelism", "trials in flight at once; 0 = auto "
      + "(as many as the cluster's cores can keep busy, as the CLI's parallelism = auto)", ParamValidators.gtEq(0));
    this.collectSubModels = new BooleanParam(this, "collectSubModels",
      "whether to collect the fold models (not supported: must be false)");
    this.space = new Param<>(this, "space", "search space instead of a grid: the body of the "
      + "CLI's space block (HOCON), e.g. regParam { type = float, low = 1e-4, high = 1, log = true }");
    this.settings = new Param<>(this, "settings", "the CLI's search and schedule blocks "
      + "(HOCON, keys and defaults of reference.conf), e.g. search { sampler = tpe, trials = 40 }");
    this.sampler = new Param<>(this, "sampler", "sampler for a space (overrides "
      + "search.sampler): grid, random, sobol, tpe, gp, evolution, cmaes, auto; empty = settings");
    this.trials = new IntParam(this, "trials", "configurations to try in a space (overrides "
      + "search.trials); 0 = settings", ParamValidators.gtEq(0));
    this.timeLimit = new Param<>(this, "timeLimit", "time limit of the search (overrides "
      + "search.time-limit), e.g. 10m; empty = settings");
    this.outputDir = new Param<>(this, "outputDir", "directory (any Hadoop FileSystem) of the "
      + "study's journal; a later fit with the same settings resumes it; empty = in memory");
    setDefault(numFolds, 3);
    setDefault(foldCol, "");
    setDefault(seed, 7L);
    setDefault(parallelism, 0);
    setDefault(collectSubModels, false);
    setDefault(space, "");
    setDefault(settings, "");
    setDefault(sampler, "");
    setDefault(trials, 0);
    setDefault(timeLimit, "");
    setDefault(outputDir, "");
  }

  public SparkTune() {
    this(Identifiable.randomUID("sparkTune"));
  }

  @Override
  public String uid() {
    return uid;
  }

  // Params are found by reflection on public no-argument methods returning a Param (Params.params).
  public Param<Estimator<?>> estimator() { return estimator; }
  public Param<Evaluator> evaluator() { return evaluator; }
  public Param<ParamMap[]> estimatorParamMaps() { return estimatorParamMaps; }
  public IntParam numFolds() { return numFolds; }
  public Param<String> foldCol() { return foldCol; }
  public LongParam seed() { return seed; }
  public IntParam parallelism() { return parallelism; }
  public BooleanParam collectSubModels() { return collectSubModels; }
  public Param<String> space() { return space; }
  public Param<String> settings() { return settings; }
  public Param<String> sampler() { return sampler; }
  public IntParam trials() { return trials; }
  public Param<String> timeLimit() { return timeLimit; }
  public Param<String> outputDir() { return outputDir; }

  public SparkTune setEstimator(Estimator<?> v) { set(estimator, v); return this; }
  public SparkTune setEvaluator(Evaluator v) { set(evaluator, v); return this; }
  public SparkTune setEstimatorParamMaps(ParamMap[] v) { set(estimatorParamMaps, v); return this; }
  public SparkTune setNumFolds(int v) { set(numFolds, v); return this; }
  public SparkTune setFoldCol(String v) { set(foldCol, v); return this; }
  public SparkTune setSeed(long v) { set(seed, v); return this; }
  public SparkTune setParallelism(int v) { set(parallelism, v); return this; }
  public SparkTune setCollectSubModels(boolean v) { set(collectSubModels, v); return this; }
  public SparkTune setSpace(String v) { set(space, v); return this; }
  public SparkTune setSettings(String v) { set(settings, v); return this; }
  public SparkTune setSampler(String v) { set(sampler, v); return this; }
  public SparkTune setTrials(int v) { set(trials, v); return this; }
  public SparkTune setTimeLimit(String v) { set(timeLimit, v); return this; }
  public SparkTune setOutputDir(String v) { set(outputDir, v); return this; }

  /** The space as a Typesafe Config: the body of the CLI's space block (an object of params). */
  public SparkTune setSpace(Config v) {
    return setSpace(v.root().render(ConfigRenderOptions.concise().setJson(false)));
  }

  /** The search and schedule blocks as a Typesafe Config. */
  public SparkTune setSettings(Config v) {
    return setSettings(v.root().render(ConfigRenderOptions.concise().setJson(false)));
  }

  public Estimator<?> getEstimator() { return $(estimator); }
  public Evaluator getEvaluator() { return $(evaluator); }
  public ParamMap[] getEstimatorParamMaps() { return $(estimatorParamMaps); }
  public int getNumFolds() { return (Integer) $(numFolds); }
  public String getFoldCol() { return $(foldCol); }
  public long getSeed() { return (Long) $(seed); }
  public int getParallelism() { return (Integer) $(parallelism); }
  public boolean getCollectSubModels() { return (Boolean) $(collectSubModels); }
  public String getSpace() { return $(space); }
  public String getSettings() { return $(settings); }
  public String getSampler() { return $(sampler); }
  public int getTrials() { return (Integer) $(trials); }
  public String getTimeLimit() { return $(timeLimit); }
  public String getOutputDir() { return $(outputDir); }

  @Override
  public SparkTuneModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema(), false);
    if (getCollectSubModels()) {
      throw new ConfigError("collectSubModels: sparktune keeps no fold models; expected false");
    }
    if (!isDefined(estimator) || !isDefined(evaluator)) {
      throw new ConfigError((isDefined(estimator) ? "evaluator" : "estimator") + ": not set; expected "
          + (isDefined(estimator) ? "an Evaluator" : "an Estimator or Pipeline") + " (setEvaluator, setEstimator)");
    }
    SparkSession spark = dataset.sparkSession();
    Estimator<?> est = getEstimator();
    BuiltEstimator built = Stages.of(est);
    ParamMap[] maps = isDefined(estimatorParamMaps) ? getEstimatorParamMaps() : new ParamMap[0];
    boolean grid = maps.length > 0;
    if (grid && !getSpace().isBlank()) {
      throw new ConfigError("space: set with estimatorParamMaps too; expected one of the two (a grid, or a space to search)");
    }
    CodeSettings cs = CodeSettings.parse(settingsText(), getNumFolds());
    GridSpace points = grid ? GridSpace.of(maps, built) : null;
    SearchSpace searched = grid ? points.space() : cs.space().orElseThrow(() -> new ConfigError(
        "estimatorParamMaps: not set, and no space; expected a ParamGridBuilder grid or a space to search"));
    // Unknown names, wrong kinds and invalid values: the CLI's check, naming the param and the valid ones.
    new ParamBinder(built).check(searched);
    Sampler s = grid ? new GridSampler(OptionalInt.empty()) : cs.search().sampler(searched, m -> { });
    int planned = grid ? maps.length : cs.search().trials();
    Scheduler scheduler = cs.schedule().scheduler();
    if (!cs.schedule().type().equals("fifo") && scheduler.ladder().top().kind() == Budget.Kind.DATA_FRACTION) {
      throw new ConfigError("sparktune.schedule.budget.kind: data-fraction is for the CLI's own folds; from code "
          + "use a param budget (maxIter, numTrees) or folds");
    }
    try (Folds folds = CvSplit.of(dataset, getNumFolds(), getSeed(), getFoldCol())) {
      MllibObjective objective = new MllibObjective(spark, folds, built, getEvaluator());
      objective.checkBudget(scheduler.ladder().top());
      // A grid with a GBT's maxIter axis fits each maxIter group once per fold (search.gbt-prefixes);
      // under a schedule only a larger model already fitted is reused (see TuningJob).
      if (cs.search().gbtPrefixes()) {
        boolean oneRung = scheduler.ladder().topRung() == 0;
        objective.sharingGbtPrefixes(oneRung && s instanceof GridSampler g ? g.points(searched) : List.of());
      }
      StudyBuilder b = Study.builder(searched).sampler(s).seed(cs.search().seed()).direction(objective.direction())
          .schedule(scheduler).name(fingerprint(est, cs));
      cs.schedule().pruning().ifPresent(b::pruning);
      if (!getOutputDir().isBlank()) {
        b.journal(new HadoopJournalBackend(getOutputDir().replaceAll("/+$", "") + "/journal",
            spark.sparkContext().hadoopConfiguration()));
      }
      Study study = b.build();
      IntSupplier inFlight = getParallelism() > 0 ? this::getParallelism
          : new AutoParallelism(spark, folds.k(), folds.partitionsPerFold(), m -> { });
      StudyResult result = study.optimize(objective, stopRules(cs, planned, objective), inFlight,
          new FaultPolicy(cs.search().trialTimeout(), cs.search().retries()), StudyListener.NONE);
      Trial best = result.best().orElseThrow(() -> new IllegalStateException("no trial completed at the full budget ("
          + result.stopReason() + "); errors: " + TrialFrame.errors(result.trials())));
      ParamMap bestParams = objective.params(best.assignment(), best.budget());
      Model<?> bestModel = (Model<?>) est.fit(dataset, bestParams);
      Metrics m = grid ? Metrics.ofGrid(points, result.trials()) : Metrics.ofTrials(result.trials(), objective);
      var frame = TrialFrame.of(spark, searched, folds.k(), result.trials());
      SparkTuneModel model = new SparkTuneModel(uid, bestModel, m.avg(), m.std(), frame);
      model.setParent(this);
      return copyValues(model, ParamMap.empty());
    }
  }

  /** The settings with the explicit params (sampler, trials, timeLimit, space) laid over them. */
  String settingsText() {
    StringBuilder sb = new StringBuilder(getSettings()).append('\n');
    if (!getSampler().isBlank()) sb.append("search.sampler = \"").append(getSampler()).append("\"\n");
    if (getTrials() > 0) sb.append("search.trials = ").append(getTrials()).append('\n');
    if (!getTimeLimit().isBlank()) sb.append("search.time-limit = \"").append(getTimeLimit()).append("\"\n");
    if (!getSpace().isBlank()) sb.append("space {\n").append(getSpace()).append("\n}\n");
    return sb.toString();
  }

  private List<StopRule> stopRules(CodeSettings cs, int planned, MllibObjective objective) {
    List<StopRule> rules = new ArrayList<>();
    rules.add(new StopRule.MaxTrials(planned));
    cs.search().timeLimit().ifPresent(d -> rules.add(new StopRule.TimeLimit(d, Duration.ZERO, RefitReserve.forLimit(d, true))));
    cs.search().target().ifPresent(v -> rules.add(new StopRule.Target(v, objective.direction())));
    cs.search().patience().ifPresent(n -> rules.add(new StopRule.Patience(n)));
    return rules;
  }

  /** What a resumed journal must have been written for: the estimator, evaluator, folds and settings. */
  private String fingerprint(Estimator<?> est, CodeSettings cs) {
    return String.format(Locale.ROOT, "%s %s %d folds seed %d foldCol '%s' %s", est.getClass().getName(),
        getEvaluator().getClass().getName() + getEvaluator().extractParamMap(), getNumFolds(), getSeed(),
        getFoldCol(), cs.schedule());
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return isDefined(estimator) ? getEstimator().transformSchema(schema) : schema;
  }

  @Override
  public SparkTune copy(ParamMap extra) {
    SparkTune c = (SparkTune) defaultCopy(extra);
    // As CrossValidator: the estimator and evaluator are copied, not shared.
    if (c.isDefined(c.estimator)) c.setEstimator(c.getEstimator().copy(ParamMap.empty()));
    if (c.isDefined(c.evaluator)) c.setEvaluator(c.getEvaluator().copy(ParamMap.empty()));
    return c;
  }

  @Override
  public MLWriter write() {
    return new Persistence.TunerWriter(this);
  }

  @Override
  public void save(String path) throws IOException {
    write().save(path);
  }

  public static MLReader<SparkTune> read() {
    return new Persistence.TunerReader();
  }

  public static SparkTune load(String path) {
    return read().load(path);
  }

  /** The params a tuner saves as plain values (the estimator, evaluator and maps are saved apart). */
  List<Param<?>> plainParams() {
    return List.of(numFolds, foldCol, seed, parallelism, collectSubModels, space, settings, sampler, trials, timeLimit,
        outputDir);
  }
}
