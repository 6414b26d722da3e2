package dev.sparktune.cli;

import dev.sparktune.config.Settings;
import dev.sparktune.engine.AutoParallelism;
import dev.sparktune.engine.ResultsDir;
import dev.sparktune.engine.SparkFailures;
import dev.sparktune.engine.SparkSessions;
import dev.sparktune.engine.TrialCosts;
import dev.sparktune.engine.TrialsCsv;
import dev.sparktune.mllib.DataLoader;
import dev.sparktune.mllib.FoldMemory;
import dev.sparktune.mllib.Folds;
import dev.sparktune.mllib.LeakCheck;
import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.mllib.Refit;
import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Ranking;
import dev.sparktune.report.BestResult;
import dev.sparktune.report.ParetoJson;
import dev.sparktune.report.ReportData;
import dev.sparktune.sampler.GridSampler;
import dev.sparktune.sampler.Sampler;
import dev.sparktune.scheduler.Scheduler;
import dev.sparktune.study.Convergence;
import dev.sparktune.study.FaultPolicy;
import dev.sparktune.study.RefitReserve;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.study.StudyStatus;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * One tuning job from a {@link CheckedJob}: start Spark, prepare and cache the folds once, run
 * the study under the configured schedule, refit the best at the budget it won at (the maximum),
 * and write trials.csv, best.json, model/ and config.conf. The study's history is the journal
 * in the output directory ({@link Resume}), so running the same command again after a crash or a
 * kill continues it; the trial table is rewritten from it after every trial.
 */
final class TuningJob {
  /** How often report.html is refreshed while the study runs (at most; only when a trial finishes). */
  static final Duration REPORT_EVERY = Duration.ofSeconds(10);

  private final CheckedJob checked;
  private final Settings s;
  private final PrintStream out;
  private final boolean terminal;
  private final Stopping stopping;

  TuningJob(CheckedJob checked, PrintStream out, boolean terminal, Stopping stopping) {
    this.checked = checked;
    this.s = checked.settings();
    this.out = out;
    this.terminal = terminal;
    this.stopping = stopping;
  }

  int run() {
    long t0 = System.nanoTime();
    SparkSession spark = SparkSessions.getOrCreate("sparktune " + s.name(), false);
    if (checked.verbose()) spark.sparkContext().setLogLevel("INFO");
    // A stop asked for while the data is read and cached cancels those jobs: nothing is written yet.
    stopping.cancelling(() -> spark.sparkContext().cancelAllJobs());
    // Before any output is written: the earlier study of warm-start.from (a bad one must leave this
    // output dir untouched), then the input. Data, folds, metric and budget are checked before the
    // output dir is touched, so bad input (exit 2) leaves earlier results exactly as they were and
    // wins over a refused resume: it needs fixing whatever the directory holds.
    WarmStart warm = WarmStart.read(s, spark.sparkContext().hadoopConfiguration(), out);
    Scheduler scheduler = s.schedule().scheduler();
    out.printf(Locale.ROOT, "sparktune %s: %s on %s, %d-fold CV, %s sampler, %s schedule%s, Spark %s (%s)%n", s.name(),
        checked.estimator().name(), s.data().path(), s.cv().folds(), s.search().sampler(), scheduler.name(),
        scheduler.ladder().topRung() > 0 ? " over " + rungs(scheduler) : "", spark.version(), spark.sparkContext().master());
    DataLoader.Loaded loaded = DataLoader.load(spark, s.data());
    if (loaded.dropped() > 0) out.printf(Locale.ROOT, "dropped %d rows with missing values (data.missing = drop)%n", loaded.dropped());
    try (Folds folds = Folds.create(loaded.data(), checked.estimator().task(), s.data(), s.cv())) {
      MllibObjective objective = new MllibObjective(spark, folds, checked.estimator(), s.metric()).scoring(loaded.scoring());
      objective.checkBudget(scheduler.ladder().top());
      if (s.schedule().growForests()) objective.growingForests(scheduler.ladder());
      if (s.schedule().continueFits()) objective.continuingFits(scheduler.ladder());
      out.println(FoldMemory.of(spark.sparkContext(), folds, s.cv().storageLevel()).line());
      // Then the lock, the directory (resume = never may move it) and the journal's history,
      // refused here if it belongs to a different study.
      try (Resume resume = Resume.open(s, spark.sparkContext().hadoopConfiguration(), Clock.systemUTC(), out)) {
        return run(spark, resume, warm, scheduler, folds, objective, loaded, t0);
      }
    }
  }

  private int run(SparkSession spark, Resume resume, WarmStart warm, Scheduler scheduler, Folds folds,
      MllibObjective objective, DataLoader.Loaded loaded, long t0) {
    ResultsDir results = new ResultsDir(resume.dir(), spark.sparkContext().hadoopConfiguration());
    try (TrialCosts costs = TrialCosts.attach(spark.sparkContext())) {
      return run(spark, resume, warm, scheduler, folds, objective, loaded, t0, results, costs);
    }
  }

  private int run(SparkSession spark, Resume resume, WarmStart warm, Scheduler scheduler, Folds folds,
      MllibObjective objective, DataLoader.Loaded loaded, long t0, ResultsDir results, TrialCosts costs) {
    results.write("config.conf", s.resolved());
    String metric = objective.metric().name();
    // Several objectives or constraints: measure what they name on every trial, rank by the front.
    boolean several = s.objectives().beyondOneScore();
    Goals goals = s.objectives().goals(metric, objective.direction());
    if (several) objective.measuring(s.objectives().measures(), costs::cpuSeconds);
    // A shared GBT fit's time and CPU fall on the trial that ran it, so not where they are measured.
    if (s.search().gbtPrefixes() && !s.objectives().measures().contains("fit-seconds")
        && !s.objectives().measures().contains("spark-cpu-seconds")) {
      // The plan (fit each group's largest maxIter at once) only where every grid point runs at the
      // one budget there is; under a schedule a larger fit than asked could go unused above rung 0.
      boolean oneRung = scheduler.ladder().topRung() == 0;
      objective.sharingGbtPrefixes(oneRung && checked.sampler() instanceof GridSampler g ? g.points(s.space()) : List.of());
    }
    // auto follows the cores the cluster has as executors come and go (dynamic allocation).
    IntSupplier inFlight = s.search().parallelism().isPresent()
        ? s.search().parallelism()::getAsInt
        : new AutoParallelism(spark, folds.k(), folds.partitionsPerFold(), out::println);
    int parallelism = inFlight instanceof AutoParallelism a ? a.initial() : inFlight.getAsInt();
    out.printf(Locale.ROOT, "data: %d training rows in %d folds %s, %d test rows; %s (%s); %d trials at a time%n",
        folds.trainingRows(), folds.k(), folds.foldSizes(), folds.testRows(), metric,
        objective.direction().name().toLowerCase(Locale.ROOT), parallelism);

    Sampler sampler = warm.sampler(checked.sampler(), s, checked.estimator(), objective.direction(), out);
    Study study = new Study(s.space(), sampler, scheduler, s.schedule().pruning(), objective.direction(),
        resume.store(), s.search().seed(), Clock.systemUTC());
    Supplier<ReportData> reportData = () -> report(new ReportData(s.name(), metric, objective.direction(),
        checked.estimator().name(), folds.k(), s.space(), study.trials(), resume.store().costs(), Optional.empty(),
        Instant.now()), several, goals);
    LiveReport report = new LiveReport(results, reportData, REPORT_EVERY, out);
    TrialsCsv trialsCsv = new TrialsCsv(results, s.space(), metric, folds.k(), resume.store()::costs,
        several ? goals : null);
    Progress progress = new Progress(out, metric, OptionalInt.of(s.search().trials()),
        s.search().timeLimit().orElse(null), terminal);
    StudyListener listener = new StudyListener() {
      @Override
      public void trialStarted(Trial t, StudyStatus st) {
        progress.trialStarted(t, st);
      }

      @Override
      public void trialFinished(Trial t, StudyStatus st) {
        progress.trialFinished(t, st);
        resume.store().recordCost(t.number(), costs.take(t.number()));
        trialsCsv.afterTrial(study::trials);
        report.trialFinished();
      }

      @Override
      public void trialRetrying(Trial t, int retry, int retries, String error) {
        progress.trialRetrying(t, retry, retries, error);
      }

      @Override
      public void stopping(String reason, StudyStatus st) {
        progress.stopping(reason, st);
      }
    };
    // Spark's start, loading and caching count against the time limit too: it is the run's.
    Duration setup = Duration.ofNanos(System.nanoTime() - t0);
    // During the study a stop goes through its stop rule: the loop cancels each trial and records
    // it CANCELLED. Cancelling all jobs here would race it and turn trials FAILED.
    stopping.cancelling(() -> {});
    StudyResult result = study.optimize(objective, stopRules(objective, setup, resume.store()), inFlight,
        new FaultPolicy(s.search().trialTimeout(), s.search().retries(), SparkFailures.TRANSIENT), listener);
    // Costs are journaled without waiting (see JournalTrialStore.recordCost): all of them before the refit.
    resume.store().sync();
    // The front's member chosen by sparktune.select is what is refit, saved and reported as best.
    if (several) {
      Optional<Trial> chosen = s.objectives().select().choose(Ranking.atFullBudget(result.trials(), goals), goals);
      result = new StudyResult(result.stopReason(), result.trials(), chosen, result.elapsed(), result.outOfTime());
    }
    stopping.cancelling(() -> spark.sparkContext().cancelAllJobs());
    progress.done();
    int[] prefixes = objective.gbtPrefixCounts();
    if (prefixes[1] > 0) {
      out.printf(Locale.ROOT, "GBT prefixes: %d fold scores taken from the first trees of %d fits, not fitted "
          + "(search.gbt-prefixes)%n", prefixes[1], prefixes[0]);
    }
    trialsCsv.write(result.trials());

    Optional<BestResult.Refit> refit = Optional.empty();
    if (result.best().isPresent() && s.output().refit() && stopping.requested().isEmpty()) {
      out.println("refitting the best configuration on all " + folds.trainingRows() + " training rows...");
      // The best was evaluated at the maximum budget; refit at it (a param budget keeps its value).
      Trial best = result.best().get();
      try {
        Refit.Result r = objective.refit(best.assignment(), best.budget(), Optional.of(results.resolve("model")));
        refit = Optional.of(new BestResult.Refit(r.modelClass(), r.savedTo().orElse(""), r.testValue(),
            r.testRows(), r.fitSeconds(), r.savedStages(), r.predictionColumn()));
      } catch (Exception e) {
        // Exception: Spark throws its checked SparkException undeclared. Cancelled by a stop
        // request: the study's results are still written; the rerun refits.
        if (stopping.requested().isEmpty()) throw e;
      }
    }
    stopping.requested().ifPresent(r -> out.println("no refit: " + r.cause() + "; run the same command again to "
        + "continue the study (cancelled trials run first) and refit its best"));
    double total = (System.nanoTime() - t0) / 1e9;
    List<String> warnings = new ArrayList<>();
    result.best().flatMap(Trial::outcome).filter(o -> o instanceof Outcome.Completed)
        .flatMap(o -> LeakCheck.regression(metric, ((Outcome.Completed) o).value(), folds.labelStd()))
        .ifPresent(warnings::add);
    var columns = new BestResult.Columns(loaded.scoring().label(), loaded.featureColumns(), loaded.labelLevels());
    BestResult best = new BestResult(s.name(), metric, objective.direction(), result, refit, parallelism, total,
        Optional.of(columns), warnings);
    results.write("best.json", best.toJson(resume.store().costs(),
        several ? ParetoJson.of(result.trials(), goals, s.objectives().select()) : Map.of()));
    report.finish(report(new ReportData(s.name(), metric, objective.direction(), checked.estimator().name(), folds.k(),
        s.space(), result.trials(), resume.store().costs(), Optional.of(new ReportData.End(result.stopReason(),
            refit.map(BestResult.Refit::testMetric).orElse(java.util.OptionalDouble.empty()), total)), Instant.now()),
        several, goals));
    if (several) front(result, goals);
    int code = summarize(result, refit, metric, results, total);
    warnings.forEach(w -> out.println("warning: " + w));
    if (stopping.requested().isPresent()) return stopping.requested().get().exitCode();
    // Whatever completed is written; a scheduler can tell "ran out of time" from "done" or "all failed".
    boolean outOfTime = result.outOfTime();
    boolean anyCompleted = result.trials().stream().anyMatch(t -> t.state() == TrialState.COMPLETE);
    return outOfTime && anyCompleted ? Main.TIME_LIMIT : code;
  }

  /** With several objectives or constraints the report draws the front. */
  private static ReportData report(ReportData data, boolean several, Goals goals) {
    return several ? data.withGoals(goals) : data;
  }

  /** The front in one line per member, and how many results broke a constraint. */
  private void front(StudyResult result, Goals goals) {
    Ranking r = Ranking.atFullBudget(result.trials(), goals);
    long infeasible = java.util.stream.IntStream.range(0, r.size()).filter(i -> !r.feasible(i)).count();
    out.printf(Locale.ROOT, "%npareto front: %d of %d completed trials (%s)%s%n", r.front().size(), r.size(),
        String.join(", ", goals.goals().stream().map(g -> g.name() + " " + g.direction().name().toLowerCase(Locale.ROOT)
            .substring(0, 3)).toList()),
        goals.constraints().isEmpty() ? "" : "; " + infeasible + " broke " + goals.constraints());
    for (Trial t : r.front()) {
      var c = Goals.completed(t).orElseThrow();
      StringBuilder sb = new StringBuilder();
      for (var g : goals.goals()) sb.append(String.format(Locale.ROOT, "  %s=%.5g", g.name(), goals.value(c, g.name())));
      boolean chosen = result.best().map(b -> b.number() == t.number()).orElse(false);
      out.printf(Locale.ROOT, "  trial %d%s%s%n", t.number(), sb, chosen ? "   <- selected" : "");
    }
  }

  /** Each distinct failure message (or timeout) with how many trials ended with it, most frequent first. */
  private static Map<String, Long> distinctErrors(List<Trial> trials) {
    Map<String, Long> counts = new TreeMap<>();
    for (Trial t : trials) {
      if (t.outcome().orElse(null) instanceof Outcome.Failed f) counts.merge(f.error(), 1L, Long::sum);
      if (t.outcome().orElse(null) instanceof Outcome.TimedOut o) counts.merge(o.reason(), 1L, Long::sum);
      if (t.outcome().orElse(null) instanceof Outcome.Cancelled c) counts.merge("cancelled: " + c.reason(), 1L, Long::sum);
    }
    Map<String, Long> ordered = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }

  private static String simple(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** "fraction=0.1111 → fraction=0.3333 → fraction=1.000". */
  private static String rungs(Scheduler scheduler) {
    return String.join(" → ", scheduler.ladder().budgets().stream().map(Budget::label).toList());
  }

  /** @param setup time the run spent before the study, counted against the time limit */
  private List<StopRule> stopRules(MllibObjective objective, Duration setup, dev.sparktune.trial.History store) {
    List<StopRule> rules = new ArrayList<>();
    rules.add(new StopRule.MaxTrials(s.search().trials()));
    s.search().timeLimit().ifPresent(d ->
        rules.add(new StopRule.TimeLimit(d, setup, RefitReserve.forLimit(d, s.output().refit()))));
    s.search().target().ifPresent(v -> rules.add(new StopRule.Target(v, objective.direction())));
    s.search().patience().ifPresent(n -> rules.add(new StopRule.Patience(n)));
    if (s.search().stopWhenConverged()) {
      rules.add(new Convergence(s.space(), objective.direction(), store, s.search().seed()));
    }
    rules.add(new StopRule.Requested(stopping.reason()));
    return rules;
  }

  private int summarize(StudyResult result, Optional<BestResult.Refit> refit, String metric, ResultsDir results,
      double total) {
    out.println();
    long configurations = result.trials().stream().filter(t -> t.lineage().isRoot()).count();
    if (configurations == result.trials().size()) {
      out.printf(Locale.ROOT, "%d trials in %.1f s (%s)%n", result.trials().size(), total, result.stopReason());
    } else {
      out.printf(Locale.ROOT, "%d configurations, %d evaluations in %.1f s (%s)%n", configurations,
          result.trials().size(), total, result.stopReason());
    }
    if (result.best().isEmpty()) {
      boolean someCompleted = result.trials().stream().anyMatch(t -> t.state() == TrialState.COMPLETE);
      // The time limit, not the trials, ended it: no error to read, and exit 4 (time limit), not 3.
      boolean ranOut = !someCompleted && result.outOfTime()
          && result.trials().stream().noneMatch(t -> t.state() == TrialState.FAILED || t.state() == TrialState.TIMEOUT);
      // Only full-budget evaluations can be best: say so rather than "nothing completed".
      out.println(someCompleted && s.objectives().beyondOneScore()
          ? "no completed trial kept the constraints " + s.objectives().constraints() + "; see the feasible column of "
              + results.resolve("trials.csv")
          : someCompleted
          ? "no configuration reached the maximum budget before the study stopped (raise search.time-limit or "
              + "search.trials); the lower rungs are in " + results.resolve("trials.csv")
          : ranOut ? "sparktune.search.time-limit ran out before any trial finished (" + result.stopReason()
              + "); raise it so that at least one trial can complete"
          : "no trial completed; see the error column of " + results.resolve("trials.csv"));
      if (!someCompleted && !ranOut) distinctErrors(result.trials()).forEach((e, n) -> out.printf(Locale.ROOT, "  %d× %s%n", n, e));
      return ranOut ? Main.TIME_LIMIT : Main.NO_TRIAL_SUCCEEDED;
    }
    Trial b = result.best().get();
    var c = (dev.sparktune.trial.Outcome.Completed) b.outcome().orElseThrow();
    out.printf(Locale.ROOT, "best: trial %d  %s = %.5f ± %.5f (cross-validated%s)%n", b.number(), metric, c.value(),
        c.std(), b.budget().kind() == Budget.Kind.FULL ? "" : " at rung " + b.rung() + ", " + b.budget().label());
    out.println("      " + b.assignment());
    refit.ifPresent(r -> {
      if (r.testMetric().isPresent()) {
        out.printf(Locale.ROOT, "test: %s = %.5f on %d held-out rows%n", metric, r.testMetric().getAsDouble(), r.testRows());
      }
      out.println("model: " + r.modelPath() + (r.stages().isEmpty() ? " (" + r.modelClass() + ")"
          : " (PipelineModel: source columns to " + r.predictionColumn() + ", around a " + simple(r.modelClass()) + ")"));
    });
    out.println("results: " + results.location() + " (trials.csv, best.json, config.conf, " + LiveReport.FILE
        + (refit.isPresent() ? ", model/)" : ")"));
    return Main.OK;
  }
}
