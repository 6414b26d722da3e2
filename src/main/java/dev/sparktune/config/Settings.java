package dev.sparktune.config;

import dev.sparktune.sampler.evolution.CmaEsSettings;
import dev.sparktune.sampler.evolution.EvolutionSettings;
import dev.sparktune.sampler.gp.GpSettings;
import dev.sparktune.sampler.moo.Nsga2Settings;
import dev.sparktune.sampler.tpe.TpeSettings;
import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.scheduler.Schedulers;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The whole validated configuration of one tuning job, as one tree: each block of
 * {@code reference.conf} is a nested record here ({@link Data}, {@link Model}, {@link Cv},
 * {@link Search} with its {@link Sampling}, {@link Schedule}, {@link Output}, {@link Resume},
 * {@link WarmStart}). Built only by {@link SettingsLoader}, whose readers report every problem at
 * once, with file and line, before Spark starts.
 *
 * @param resume what to do with a study already in the output directory, and its lock's timeout
 * @param warmStart the earlier study this one borrows its best configurations and results from
 * @param resolved the fully resolved HOCON (defaults, file, overrides), written as config.conf
 * @param metric the evaluator metric as written (one of the objectives when there are several)
 * @param objectives every objective, the constraints and which front member is refit
 */
public record Settings(String name, Data data, Model model, SearchSpace space,
    String metric, Cv cv, Search search, Schedule schedule, Output output,
    Resume resume, WarmStart warmStart, String resolved, ObjectivesSettings objectives) {

  /** A single-objective job: the metric alone, no constraints. */
  public Settings(String name, Data data, Model model, SearchSpace space, String metric, Cv cv, Search search,
      Schedule schedule, Output output, Resume resume, WarmStart warmStart, String resolved) {
    this(name, data, model, space, metric, cv, search, schedule, output, resume, warmStart, resolved,
        ObjectivesSettings.single(metric));
  }
  /**
   * Where the data is and how to read it ({@code sparktune.data}).
   *
   * @param path any Hadoop FileSystem URI or local path
   * @param format libsvm, csv, parquet, json or orc
   * @param label label column (csv/parquet/json/orc); libsvm always has "label"
   * @param features feature columns; empty means every column but the label (and {@code exclude})
   * @param testFraction share of rows held out from tuning and used only to score the refit model
   * @param missing what to do with rows that have a missing value
   * @param partitions partitions of the cached training data; 0 = chosen from the data's size
   * @param options extra Spark reader options (e.g. csv {@code sep})
   * @param exclude columns left out of the features when {@code features} is empty (ids, dates)
   */
  public record Data(String path, String format, String label, List<String> features,
      double testFraction, Missing missing, int partitions, Map<String, String> options, List<String> exclude) {

    public enum Missing { DROP, FAIL }

    public Data {
      features = List.copyOf(features);
      options = Map.copyOf(options);
      exclude = List.copyOf(exclude);
    }

    /** Settings that exclude no column. */
    public Data(String path, String format, String label, List<String> features, double testFraction,
        Missing missing, int partitions, Map<String, String> options) {
      this(path, format, label, features, testFraction, missing, partitions, options, List.of());
    }
  }

  /**
   * What to fit ({@code sparktune.model}): one estimator by short name or class name, or a pipeline
   * of named stages. {@code fixed} holds MLlib params held constant, by their exact MLlib names
   * (for a pipeline, {@code stage.param}). Values are Double, Long, String, Boolean or List.
   */
  public record Model(String estimator, Map<String, Object> fixed, List<Stage> pipeline) {

    /** One pipeline stage: its name (used as the prefix of its params) and its estimator or transformer. */
    public record Stage(String name, String estimator, Map<String, Object> fixed) {
      public Stage {
        fixed = Map.copyOf(fixed);
      }
    }

    public Model {
      fixed = Map.copyOf(fixed);
      pipeline = List.copyOf(pipeline);
    }

    public boolean isPipeline() {
      return !pipeline.isEmpty();
    }
  }

  /**
   * Cross-validation ({@code sparktune.cv}): number of folds, the seed of the fold assignment, and
   * how the fold sets are cached ({@code storage-level}, one of {@link #STORAGE_LEVELS}: Spark's
   * StorageLevel names in kebab-case).
   */
  public record Cv(int folds, long seed, String storageLevel) {
    /** The levels sparktune accepts; the first is the default. Replicated (_2) levels buy nothing here. */
    public static final List<String> STORAGE_LEVELS =
        List.of("memory-and-disk", "memory-and-disk-ser", "memory-only", "memory-only-ser", "disk-only");

    public Cv {
      if (!STORAGE_LEVELS.contains(storageLevel)) {
        throw new IllegalArgumentException("storage level must be one of " + STORAGE_LEVELS + ", got " + storageLevel);
      }
    }

    /** Cached in memory, spilling to disk (the default). */
    public Cv(int folds, long seed) {
      this(folds, seed, STORAGE_LEVELS.get(0));
    }
  }

  /**
   * How to search ({@code sparktune.search}).
   *
   * @param sampler grid, random, sobol, tpe, gp, evolution, cmaes or auto
   * @param trials stop after this many trials (a grid also stops when exhausted)
   * @param parallelism trials in flight at once; empty = auto (from executor cores and folds)
   * @param timeLimit stop starting trials after this wall time; running ones are cancelled
   * @param seed seed of the sampler (per-trial streams derive from it)
   * @param target stop once a trial scores at least this well
   * @param patience stop after this many completed trials without improvement
   * @param gridPoints points per numeric range when the grid sampler meets a range; empty = none,
   *     so the grid refuses continuous ranges
   * @param samplers the settings of tpe, gp, evolution and cmaes
   * @param trialTimeout cancel a trial (one evaluation) running longer than this and record it
   *     TIMEOUT; empty = none
   * @param retries evaluations of a trial again after a transient error (lost executor, I/O)
   * @param stopWhenConverged stop new configurations once the remaining improvement a GP bounds is
   *     below the incumbent's CV standard error ({@link dev.sparktune.study.Convergence})
   * @param gbtPrefixes score a gradient-boosted trees configuration at a smaller maxIter from the
   *     first trees of a larger fit of the same other values (exact; the grid fits each group's
   *     largest maxIter once)
   */
  public record Search(String sampler, int trials, OptionalInt parallelism,
      Optional<Duration> timeLimit, long seed, OptionalDouble target, OptionalInt patience,
      OptionalInt gridPoints, Sampling samplers, Optional<Duration> trialTimeout, int retries,
      boolean stopWhenConverged, boolean gbtPrefixes) {

    /**
     * {@code sampler} for {@code trials} trials from {@code seed}, with nothing else set: parallelism
     * auto, no time limit, target, patience, grid points or trial timeout, every sampler's defaults,
     * one retry, no stopping when converged, GBT prefixes on. The {@code withX} methods change one field.
     */
    public static Search of(String sampler, int trials, long seed) {
      return new Search(sampler, trials, OptionalInt.empty(), Optional.empty(), seed, OptionalDouble.empty(),
          OptionalInt.empty(), OptionalInt.empty(), Sampling.defaults(), Optional.empty(), 1, false, true);
    }

    public Search withGridPoints(int points) {
      return new Search(sampler, trials, parallelism, timeLimit, seed, target, patience, OptionalInt.of(points),
          samplers, trialTimeout, retries, stopWhenConverged, gbtPrefixes);
    }

    /**
     * The configured sampler for {@code space}, built as the CLI builds it (its own settings, the
     * planned trials for {@code auto}, the seed once).
     *
     * @throws ConfigError naming {@code sparktune.search.sampler} if it cannot work on the space
     */
    public dev.sparktune.sampler.Sampler sampler(dev.sparktune.space.SearchSpace space, java.util.function.Consumer<String> log) {
      var o = new dev.sparktune.sampler.Samplers.Options(seed, gridPoints).withTpe(samplers.tpe()).withGp(samplers.gp())
          .withEvolution(samplers.evolution(), samplers.cmaes()).withPlannedTrials(trials, log);
      try {
        return dev.sparktune.sampler.Samplers.create(sampler, o, space);
      } catch (IllegalArgumentException e) {
        throw new ConfigError("sparktune.search.sampler: " + e.getMessage());
      }
    }
  }

  /**
   * The model-based samplers' own settings ({@code sparktune.search.tpe}, {@code .gp},
   * {@code .evolution}, {@code .cmaes}, {@code .nsga2}); each is read whatever sampler is chosen, so a typo fails
   * early even in a block that is not used yet.
   */
  public record Sampling(TpeSettings tpe, GpSettings gp, EvolutionSettings evolution, CmaEsSettings cmaes,
      Nsga2Settings nsga2) {
    public static Sampling defaults() {
      return new Sampling(TpeSettings.defaults(), GpSettings.defaults(), EvolutionSettings.defaults(),
          CmaEsSettings.defaults(), Nsga2Settings.defaults());
    }
  }

  /**
   * How budgets are scheduled ({@code sparktune.schedule}), checked by {@link ScheduleReader}.
   * Whether {@code param} names an integer param of the estimator is for the MLlib edge to check
   * (it has the estimator): see {@link #paramBudget()}.
   *
   * @param type fifo, successive-halving, hyperband, asha or median-stopping
   * @param kind what a budget is; ignored by fifo
   * @param param the MLlib integer param grown by η per rung (kind PARAM), "" otherwise
   * @param min the smallest budget r: a fraction, a param value or a number of folds
   * @param max the largest budget R; evaluations at it count as full
   * @param eta the reduction factor η
   * @param brackets ASHA's brackets (1 = plain ASHA)
   * @param foldPruning stop a trial's remaining folds once its first ones are clearly worse than
   *     the incumbent's
   * @param growForests promote a random forest on a numTrees budget by adding trees rather than
   *     refitting it (see {@code dev.sparktune.mllib.ForestGrowth})
   * @param continueFits promote a logistic regression or perceptron on a maxIter budget by
   *     continuing its fit from the rung below rather than refitting it (see
   *     {@code dev.sparktune.mllib.ContinuedFits})
   */
  public record Schedule(String type, Budget.Kind kind, String param, double min, double max, int eta,
      int brackets, boolean foldPruning, boolean growForests, boolean continueFits) {

    /** Every configuration at the full budget, no pruning: the behaviour before schedules. */
    public static Schedule fifo() {
      return new Schedule("fifo", Budget.Kind.DATA_FRACTION, "", 0.1, 1.0, 3, 1, false, true, true);
    }

    /** The rungs' budgets; a single full rung for fifo. */
    public Ladder ladder() {
      if (type.equals("fifo")) return Ladder.full();
      Budget top = switch (kind) {
        case DATA_FRACTION -> Budget.dataFraction(max, max);
        case PARAM -> Budget.param(param, Math.round(max), Math.round(max));
        case FOLDS -> Budget.folds((int) Math.round(max), (int) Math.round(max));
        case FULL -> Budget.full();
      };
      return new Ladder(top, min, eta);
    }

    public Scheduler scheduler() {
      return Schedulers.create(type, ladder(), brackets);
    }

    public Optional<FoldPruning> pruning() {
      return foldPruning ? Optional.of(FoldPruning.defaults()) : Optional.empty();
    }

    /** The MLlib param whose values are budgets, when there is one: the edge checks it is an integer param. */
    public Optional<String> paramBudget() {
      return !type.equals("fifo") && kind == Budget.Kind.PARAM ? Optional.of(param) : Optional.empty();
    }
  }

  /**
   * Where results go ({@code sparktune.output}): any Hadoop FileSystem URI or local path.
   *
   * @param refit fit the best configuration on all training data, score it on the test set, save it
   */
  public record Output(String dir, boolean refit) {}

  /**
   * What a run does with a study already in its output directory ({@code sparktune.resume}), and
   * how long the output directory's lock survives a silent driver ({@code sparktune.output.lock-timeout}).
   *
   * @param lockTimeout a lease not renewed for this long belongs to a dead driver and is taken over
   */
  public record Resume(Mode mode, Duration lockTimeout) {
    public enum Mode {
      /** Continue the journal if it was written for the same study; refuse (exit 2) if not. */
      AUTO,
      /** Never continue: a directory that holds a study is left alone and a new sibling is used. */
      NEVER,
      /** Continue the journal even if the dataset, metric or estimator changed. */
      WARM_START,
      /**
       * As {@link #AUTO}, and a damaged journal's intact events (those before the damage) are
       * continued in a new sibling {@code <dir>-recovered-<yyyyMMdd-HHmmss>}; the damaged study is
       * left as it is for a person to look at.
       */
      RECOVER;

      /** The name as written in a config file: auto, never, warm-start, recover. */
      public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      }
    }
  }

  /**
   * Where a study borrows from an earlier one ({@code sparktune.warm-start}): that study's best
   * configurations run first, and model-based samplers learn from all of its results. Not to be
   * confused with {@code sparktune.resume = warm-start}, which continues this output directory's
   * own journal on changed data.
   *
   * @param from the earlier study's output directory (its {@code journal/} is read), or empty for off
   * @param topK how many of its best configurations to evaluate first, at least 1
   */
  public record WarmStart(Optional<String> from, int topK) {
    public WarmStart {
      from = from.map(String::strip).filter(f -> !f.isEmpty());
      if (topK < 1) throw new IllegalArgumentException("sparktune.warm-start.top-k must be >= 1, got " + topK);
    }

    public static WarmStart off() {
      return new WarmStart(Optional.empty(), 10);
    }
  }
}
