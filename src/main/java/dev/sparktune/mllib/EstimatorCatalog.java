package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.Classifier;
import org.apache.spark.ml.param.Params;

/**
 * Short names for MLlib estimators and feature stages ({@code logistic-regression},
 * {@code standard-scaler}), and the builder that turns {@link Settings.Model} into a
 * {@link BuiltEstimator}. A fully qualified class name works too: any
 * {@code org.apache.spark.ml.Estimator}, as the predictor or as an inner pipeline stage; no other
 * class named in a config is ever initialized.
 *
 * <p>Building needs no SparkSession (MLlib estimators are plain param holders until they fit),
 * which is what lets {@link #check} reject a misspelt param when the config is loaded, before
 * Spark starts.
 */
public final class EstimatorCatalog {
  /** One catalog entry: the class, params it cannot fit without, and whether it is binary-only. */
  private record Entry(String className, List<String> required, boolean binaryOnly) {}

  private static final Map<String, Entry> PREDICTORS = new LinkedHashMap<>();
  private static final Map<String, Entry> FEATURE_STAGES = new LinkedHashMap<>();
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

  static {
    String c = "org.apache.spark.ml.classification.";
    String r = "org.apache.spark.ml.regression.";
    String f = "org.apache.spark.ml.feature.";
    predictor("logistic-regression", c + "LogisticRegression");
    PREDICTORS.put("linear-svc", new Entry(c + "LinearSVC", List.of(), true));
    predictor("random-forest-classifier", c + "RandomForestClassifier");
    PREDICTORS.put("gbt-classifier", new Entry(c + "GBTClassifier", List.of(), true));
    predictor("decision-tree-classifier", c + "DecisionTreeClassifier");
    predictor("naive-bayes", c + "NaiveBayes");
    PREDICTORS.put("factorization-machines-classifier", new Entry(c + "FMClassifier", List.of(), true));
    // layers = [numFeatures, hidden..., numClasses]: there is no sensible default to guess.
    PREDICTORS.put("mlp-classifier", new Entry(c + "MultilayerPerceptronClassifier", List.of("layers"), false));
    predictor("linear-regression", r + "LinearRegression");
    predictor("random-forest-regressor", r + "RandomForestRegressor");
    predictor("gbt-regressor", r + "GBTRegressor");
    predictor("decision-tree-regressor", r + "DecisionTreeRegressor");
    predictor("generalized-linear-regression", r + "GeneralizedLinearRegression");
    predictor("factorization-machines-regressor", r + "FMRegressor");
    stage("standard-scaler", f + "StandardScaler");
    stage("min-max-scaler", f + "MinMaxScaler");
    stage("max-abs-scaler", f + "MaxAbsScaler");
    stage("normalizer", f + "Normalizer");
    FEATURE_STAGES.put("pca", new Entry(f + "PCA", List.of("k"), false));
    stage("polynomial-expansion", f + "PolynomialExpansion");
    stage("chi-sq-selector", f + "ChiSqSelector");
    FEATURE_STAGES.put("univariate-feature-selector",
        new Entry(f + "UnivariateFeatureSelector", List.of("featureType", "labelType"), false));
    stage("variance-threshold-selector", f + "VarianceThresholdSelector");
  }

  private static void predictor(String name, String cls) {
    PREDICTORS.put(name, new Entry(cls, List.of(), false));
  }

  private static void stage(String name, String cls) {
    FEATURE_STAGES.put(name, new Entry(cls, List.of(), false));
  }

  private EstimatorCatalog() {}

  /** Short names of the predictors, in catalog order. */
  public static List<String> predictorNames() {
    return List.copyOf(PREDICTORS.keySet());
  }

  /** Short names of the feature stages a pipeline may put before its predictor. */
  public static List<String> featureStageNames() {
    return List.copyOf(FEATURE_STAGES.keySet());
  }

  /**
   * Checks the model, the search space and the metric together, at load time, without Spark.
   *
   * @throws ConfigError on the first problem, naming its key ({@code sparktune.model.*},
   *     {@code sparktune.space.*} or {@code sparktune.metric})
   */
  public static BuiltEstimator check(Settings.Model model, SearchSpace space, String metric) {
    BuiltEstimator built = build(model);
    for (dev.sparktune.space.Param p : space.params()) {
      String fixedAt = fixedKey(model, p.name());
      if (fixedAt != null) {
        throw new ConfigError("sparktune.space." + p.name() + ": is also fixed in " + fixedAt
            + "; tune it or fix it, not both");
      }
    }
    new ParamBinder(built).check(space);
    Metric.check(metric, built);
    return built;
  }

  /**
   * {@link #check(Settings.Model, SearchSpace, String)}, and that a param budget (the schedule's
   * largest, {@code top}) names an integer param of the estimator.
   *
   * @throws ConfigError as there, or naming {@code sparktune.schedule.budget.param}
   */
  public static BuiltEstimator check(Settings.Model model, SearchSpace space, String metric, Budget top) {
    BuiltEstimator built = check(model, space, metric);
    new BudgetApplier(built).check(top);
    return built;
  }

  /** The config key that fixes {@code name} (param, or stage.param), or null. */
  private static String fixedKey(Settings.Model model, String name) {
    if (model.fixed().containsKey(name)) return "sparktune.model.fixed." + name;
    int dot = name.indexOf('.');
    if (!model.isPipeline() || dot < 0) return null;
    for (Settings.Model.Stage s : model.pipeline()) {
      if (s.name().equals(name.substring(0, dot)) && s.fixed().containsKey(name.substring(dot + 1))) {
        return "sparktune.model.pipeline." + s.name() + ".fixed." + name.substring(dot + 1);
      }
    }
    return null;
  }

  /**
   * Builds the estimator (or pipeline) with its fixed params applied.
   *
   * @throws ConfigError naming the estimator or fixed-param key that is wrong
   */
  public static BuiltEstimator build(Settings.Model model) {
    if (!model.isPipeline()) {
      String key = "sparktune.model.estimator";
      PipelineStage est = instantiate(model.estimator(), key, true);
      Entry entry = PREDICTORS.get(model.estimator().strip());
      BuiltEstimator built = new BuiltEstimator((Estimator<?>) est, est, Map.of(), taskOf(est, key),
          model.estimator().strip(), entry != null && entry.binaryOnly());
      new ParamBinder(built).applyFixed(model.fixed(), "sparktune.model.fixed");
      requireSet(est, entry, "sparktune.model.fixed", key);
      return built;
    }
    Map<String, PipelineStage> stages = new LinkedHashMap<>();
    List<Settings.Model.Stage> specs = model.pipeline();
    String column = "features";
    for (int i = 0; i < specs.size(); i++) {
      Settings.Model.Stage spec = specs.get(i);
      String prefix = "sparktune.model.pipeline." + spec.name();
      if (!STAGE_NAME.matcher(spec.name()).matches() || stages.containsKey(spec.name())) {
        throw new ConfigError(prefix + ": stage names must be unique identifiers (letters, digits, - and _), got '"
            + spec.name() + "'");
      }
      boolean last = i == specs.size() - 1;
      PipelineStage stage = instantiate(spec.estimator(), prefix + ".estimator", last);
      column = wire(stage, spec, column, last, prefix);
      ParamBinder.applyFixed(stage, spec.fixed(), prefix + ".fixed");
      Entry entry = (last ? PREDICTORS : FEATURE_STAGES).get(spec.estimator().strip());
      requireSet(stage, entry, prefix + ".fixed", prefix + ".estimator");
      stages.put(spec.name(), stage);
    }
    PipelineStage predictor = stages.get(specs.get(specs.size() - 1).name());
    String last = specs.get(specs.size() - 1).estimator().strip();
    Pipeline pipeline = new Pipeline().setStages(stages.values().toArray(new PipelineStage[0]));
    Entry entry = PREDICTORS.get(last);
    BuiltEstimator built = new BuiltEstimator(pipeline, predictor, stages,
        taskOf(predictor, "sparktune.model.pipeline." + specs.get(specs.size() - 1).name() + ".estimator"),
        last, entry != null && entry.binaryOnly());
    // Pipeline-level fixed values use stage.param names, like the search space.
    new ParamBinder(built).applyFixed(model.fixed(), "sparktune.model.fixed");
    return built;
  }

  /** Reads {@code input} into the stage and returns the column it writes; the predictor reads it. */
  private static String wire(PipelineStage stage, Settings.Model.Stage spec, String input, boolean last,
      String prefix) {
    if (last) {
      stage.set(stage.getParam("featuresCol"), input);
      return input;
    }
    String in = stage.hasParam("inputCol") ? "inputCol" : stage.hasParam("featuresCol") ? "featuresCol" : null;
    if (in == null || !stage.hasParam("outputCol")) {
      throw new ConfigError(prefix + ".estimator: '" + spec.estimator() + "' cannot sit inside a pipeline: "
          + "an inner stage must read one vector column and write one (inputCol or featuresCol, and outputCol); "
          + "feature stages: " + String.join(", ", FEATURE_STAGES.keySet()));
    }
    String out = spec.name() + "_out";
    stage.set(stage.getParam(in), input);
    stage.set(stage.getParam("outputCol"), out);
    if (stage.hasParam("labelCol")) stage.set(stage.getParam("labelCol"), "label");  // selectors
    return out;
  }

  /**
   * Params without a default that an estimator cannot fit without and that take an object (an
   * estimator inside the estimator), which no config value can give: such an estimator is
   * refused before Spark starts instead of failing every trial.
   */
  private static final Map<String, String> OBJECT_PARAMS =
      Map.of("org.apache.spark.ml.classification.OneVsRest", "classifier");

  /**
   * @param entry the catalog entry of the short name; null for a class name, whose entry (if the
   *     catalog has that class) is looked up by class, so a class name is checked as its short name is
   */
  private static void requireSet(Params stage, Entry entry, String keyPrefix, String estimatorKey) {
    String object = OBJECT_PARAMS.get(stage.getClass().getName());
    if (object != null && !stage.isDefined(stage.getParam(object))) {
      throw new ConfigError(estimatorKey + ": " + stage.getClass().getSimpleName() + " cannot fit without '" + object
          + "', which takes an estimator object that a config cannot give; expected an estimator whose params are "
          + "numbers, strings or booleans (for several classes, e.g. logistic-regression or random-forest-classifier)");
    }
    if (entry == null) {
      entry = java.util.stream.Stream.concat(PREDICTORS.values().stream(), FEATURE_STAGES.values().stream())
          .filter(e -> e.className().equals(stage.getClass().getName())).findFirst().orElse(null);
    }
    if (entry == null) return;
    for (String p : entry.required()) {
      if (!stage.isDefined(stage.getParam(p))) {
        throw new ConfigError(keyPrefix + "." + p + ": " + stage.getClass().getSimpleName()
            + " cannot fit without '" + p + "'; set it here or tune it in sparktune.space");
      }
    }
  }

  /**
   * A new instance of the short name or class. {@code predictor} selects which catalog is
   * searched. A class named in the config must extend {@code org.apache.spark.ml.Estimator}, in
   * either role: it is loaded without initializing it and checked before anything runs its code,
   * so a config can never make the driver run a static initializer or constructor of any other
   * class. Transformers sit in a pipeline only by their catalog short names.
   */
  static PipelineStage instantiate(String nameOrClass, String key, boolean predictor) {
    String name = nameOrClass == null ? "" : nameOrClass.strip();
    Map<String, Entry> catalog = predictor ? PREDICTORS : FEATURE_STAGES;
    Entry entry = catalog.get(name);
    String className = entry != null ? entry.className() : name;
    Class<?> cls;
    try {
      cls = Class.forName(className, false, loader());
    } catch (ClassNotFoundException | LinkageError e) {
      cls = null;
    }
    Class<?> base = entry != null ? PipelineStage.class : Estimator.class;
    if (cls == null || !base.isAssignableFrom(cls)) {
      throw new ConfigError(key + ": expected a short name (" + String.join(", ", catalog.keySet())
          + ") or a class extending " + Estimator.class.getName() + ", got '" + name + "'");
    }
    try {
      return (PipelineStage) cls.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ConfigError(key + ": cannot create " + className + " with its no-argument constructor: " + e, e);
    }
  }

  /**
   * Classification if the class is a {@code Classifier} or, for estimators outside that
   * hierarchy, if it writes raw predictions; regression if it at least reads a label.
   */
  static LearningTask taskOf(Params est, String key) {
    if (est instanceof Classifier<?, ?, ?> || est.hasParam("rawPredictionCol")) return LearningTask.CLASSIFICATION;
    if (est.hasParam("labelCol") && est.hasParam("featuresCol") && est.hasParam("predictionCol")) {
      return LearningTask.REGRESSION;
    }
    throw new ConfigError(key + ": " + est.getClass().getName() + " is not a predictor (it needs labelCol, "
        + "featuresCol and predictionCol params)");
  }

  private static ClassLoader loader() {
    ClassLoader l = Thread.currentThread().getContextClassLoader();
    return l != null ? l : EstimatorCatalog.class.getClassLoader();
  }
}
