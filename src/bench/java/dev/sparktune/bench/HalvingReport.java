package dev.sparktune.bench;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Prints {@link HalvingBenchmark}'s per-run lines, the summary table and the halving targets. */
final class HalvingReport {
  /** ASHA must match CrossValidator's best within this fraction of CrossValidator's wall time. */
  static final double TARGET_TIME_RATIO = 0.25;
  /** ASHA's refit test score may be at most this much below CrossValidator's. */
  static final double TARGET_TEST_DROP = 0.002;
  /** ASHA's slot utilization must reach this; synchronous halving is expected not to. */
  static final double TARGET_SLOTS = 0.85;
  /** CrossValidator's best points listed. */
  private static final int TOP = 5;

  private final PrintStream out;
  private final HalvingOptions o;
  private final int cores;

  HalvingReport(PrintStream out, HalvingOptions o, int cores) {
    this.out = out;
    this.o = o;
    this.cores = cores;
  }

  void crossValidator(HalvingBenchmark.CvResult cv, List<Assignment> grid) {
    SlotMeter.Window w = cv.window();
    out.printf(Locale.ROOT, "  wall %.1f s, slots %.0f%%, jvm cpu %.0f s, %d jobs, load %.1f; best CV %.6f %s; "
        + "test %.6f; per rung: %d configurations x %d folds at the maximum budget%n", w.wallSeconds(),
        100 * w.utilization(), w.processCpuSeconds(), w.jobs(), w.loadAverage(), cv.best(), cv.bestPoint(), cv.test(),
        grid.size(), o.folds());
    // How many points "match" decides how hard matching is: with one, a schedule must find the argmax.
    List<Assignment> ranked = grid.stream()
        .sorted(Comparator.comparingDouble((Assignment a) -> -cv.scoreOf(a))).toList();
    long within = ranked.stream().filter(a -> cv.scoreOf(a) >= cv.best() - o.tolerance()).count();
    out.printf(Locale.ROOT, "  %d of %d points within %.4f of the best; the top %d:", within, grid.size(),
        o.tolerance(), Math.min(TOP, ranked.size()));
    for (Assignment a : ranked.subList(0, Math.min(TOP, ranked.size()))) {
      out.printf(Locale.ROOT, " %s %.6f;", a, cv.scoreOf(a));
    }
    out.println();
    out.flush();
  }

  void schedule(HalvingSchedule.Result r, HalvingBenchmark.CvResult cv, HalvingSchedule runner) {
    SlotMeter.Window w = r.window();
    out.printf(Locale.ROOT, "  wall %.1f s (study %.1f s), matched CV's best at %s, CV's best point at %s, slots %.0f%%, "
        + "jvm cpu %.0f s, %d jobs, load %.1f, %d trials in flight; stop: %s%n", w.wallSeconds(), r.studySeconds(),
        seconds(r.matchSeconds()), seconds(r.pointSeconds()), 100 * w.utilization(), w.processCpuSeconds(), w.jobs(), w.loadAverage(),
        r.parallelism(), r.stopReason());
    out.printf(Locale.ROOT, "  best CV %.6f %s (trial %d); test %.6f; per rung: %s; %.1f maximum-budget fits in all%n",
        r.best().value().getAsDouble(), runner.gridPoint(r.best()), r.best().number(), r.testValue(), rungs(r),
        fullFits(r));
    StringBuilder full = new StringBuilder();
    for (Trial t : r.trials()) {
      if (t.state() != TrialState.COMPLETE || !t.budget().isFull()) continue;
      Assignment point = runner.gridPoint(t);
      full.append(String.format(Locale.ROOT, " %s %.6f (CV %.6f);", point, t.value().getAsDouble(),
          cv.scoreOf(point)));
    }
    out.println("  at the maximum budget:" + full);
    out.flush();
  }

  void summary(HalvingBenchmark.CvResult cv, List<HalvingSchedule.Result> results) {
    double cvWall = cv.window().wallSeconds();
    out.printf(Locale.ROOT, "%n%-19s %7s %8s %6s %8s %6s %6s %9s %9s  %s%n", "side", "wall s", "match s", "/CV",
        "point s", "/CV", "slots", "best CV", "test", "configurations per rung (" + budgets(results) + ")");
    out.printf(Locale.ROOT, "%-19s %7.1f %8s %6s %8s %6s %5.0f%% %9.6f %9.6f  %d at the maximum budget%n", "CrossValidator",
        cvWall, "-", "-", "-", "-", 100 * cv.window().utilization(), cv.best(), cv.test(), o.gridSize());
    for (HalvingSchedule.Result r : results) {
      out.printf(Locale.ROOT, "%-19s %7.1f %8s %6s %8s %6s %5.0f%% %9.6f %9.6f  %s%n", r.schedule(),
          r.window().wallSeconds(), seconds(r.matchSeconds()), ratio(r.matchSeconds(), cvWall),
          seconds(r.pointSeconds()), ratio(r.pointSeconds(), cvWall), 100 * r.window().utilization(),
          r.best().value().getAsDouble(), r.testValue(), rungs(r));
    }
    out.printf(Locale.ROOT, "match s: wall time until the best maximum-budget configuration scored >= CV's best - %.4f; "
        + "point s: until CV's best point itself completed at the maximum budget; /CV: each over CrossValidator's "
        + "wall; slots: task time / (wall x %d cores); jvm cpu (per run above): "
        + "this JVM's CPU time, against wall x %d CPUs it shows how much of the machine other processes took%n",
        o.tolerance(), cores, Runtime.getRuntime().availableProcessors());

    out.println();
    Optional<HalvingSchedule.Result> asha = find(results, "asha");
    Optional<HalvingSchedule.Result> sh = find(results, "successive-halving");
    if (asha.isEmpty()) {
      out.println("targets: not judged (asha was not run)");
    } else {
      HalvingSchedule.Result a = asha.get();
      double limit = TARGET_TIME_RATIO * cvWall;
      target(String.format(Locale.ROOT, "asha matches CV's best within %.2fx CV's wall: %s vs %.1f s",
          TARGET_TIME_RATIO, seconds(a.matchSeconds()), limit), a.matchSeconds() <= limit);
      target(String.format(Locale.ROOT, "asha's test score no worse than %.3f below CV's: %.6f vs %.6f (%+.6f)",
          TARGET_TEST_DROP, a.testValue(), cv.test(), a.testValue() - cv.test()),
          a.testValue() >= cv.test() - TARGET_TEST_DROP);
      out.printf(Locale.ROOT, "(asha completed CV's best point itself at the maximum budget at %s%s)%n",
          seconds(a.pointSeconds()), Double.isNaN(a.pointSeconds()) ? ""
              : String.format(Locale.ROOT, ", %.2fx CV's wall", a.pointSeconds() / cvWall));
      target(String.format(Locale.ROOT, "asha's slot utilization >= %.2f: %.2f", TARGET_SLOTS,
          a.window().utilization()), a.window().utilization() >= TARGET_SLOTS);
      sh.ifPresent(s -> target(String.format(Locale.ROOT, "synchronous successive halving below %.2f "
          + "(what asha fixes): %.2f", TARGET_SLOTS, s.window().utilization()),
          s.window().utilization() < TARGET_SLOTS));
    }
    double load = results.stream().mapToDouble(r -> r.window().loadAverage()).max().orElse(cv.window().loadAverage());
    int cpus = Runtime.getRuntime().availableProcessors();
    out.printf(Locale.ROOT, "load average at the end of each run: CV %.1f%s on %d CPUs%s%n", cv.window().loadAverage(),
        results.stream().map(r -> String.format(Locale.ROOT, ", %s %.1f", r.schedule(), r.window().loadAverage()))
            .reduce("", String::concat), cpus,
        Math.max(load, cv.window().loadAverage()) > cpus ? " (saturated: wall times are noisy; compare ratios)" : "");
    out.flush();
  }

  /**
   * The JVM CPU (and wall) of a schedule that continues promoted trials against the same schedule
   * refitting them, medians over the runs of each, and whether both found the same best point.
   */
  void continuedVsRefitting(String name, List<HalvingSchedule.Result> continued, List<HalvingSchedule.Result> refitting,
      HalvingSchedule runner) {
    double cpuC = Stats.quantile(continued.stream().mapToDouble(r -> r.window().processCpuSeconds()).toArray(), 0.5);
    double cpuR = Stats.quantile(refitting.stream().mapToDouble(r -> r.window().processCpuSeconds()).toArray(), 0.5);
    double wallC = Stats.quantile(continued.stream().mapToDouble(r -> r.window().wallSeconds()).toArray(), 0.5);
    double wallR = Stats.quantile(refitting.stream().mapToDouble(r -> r.window().wallSeconds()).toArray(), 0.5);
    double jobsC = Stats.quantile(continued.stream().mapToDouble(r -> r.window().jobs()).toArray(), 0.5);
    double jobsR = Stats.quantile(refitting.stream().mapToDouble(r -> r.window().jobs()).toArray(), 0.5);
    List<String> bestC = continued.stream().map(r -> runner.gridPoint(r.best()).toString()).distinct().toList();
    List<String> bestR = refitting.stream().map(r -> runner.gridPoint(r.best()).toString()).distinct().toList();
    double scoreGap = 0;
    for (int i = 0; i < Math.min(continued.size(), refitting.size()); i++) {
      scoreGap = Math.max(scoreGap, Math.abs(continued.get(i).best().value().getAsDouble()
          - refitting.get(i).best().value().getAsDouble()));
    }
    out.printf(Locale.ROOT, "%s, continued vs refitting (%d run(s) each, medians): jvm cpu %.1f s vs %.1f s, wall %.1f s "
        + "vs %.1f s, Spark jobs %.0f vs %.0f; best point %s vs %s (%s), best CV scores differ by at most %.2g%n", name,
        continued.size(), cpuC, cpuR, wallC, wallR, jobsC, jobsR, bestC, bestR,
        bestC.equals(bestR) ? "the same" : "DIFFERENT", scoreGap);
    out.printf(Locale.ROOT, "cpu ratio continued / refitting (%s): %.3f (wall %.3f)%n", name, cpuC / cpuR, wallC / wallR);
    out.flush();
  }

  private void target(String what, boolean met) {
    out.printf(Locale.ROOT, "target %-8s %s%n", met ? "met:" : "NOT met:", what);
  }

  /** Configurations evaluated at each rung, bottom first: "27, 9, 3" (completed; pruned or failed noted). */
  static String rungs(HalvingSchedule.Result r) {
    Ladder ladder = r.ladder();
    StringBuilder s = new StringBuilder();
    int notCompleted = 0;
    for (int i = 0; i <= ladder.topRung(); i++) {
      int at = i;
      List<Trial> ts = r.trials().stream().filter(t -> t.rung() == at).toList();
      notCompleted += (int) ts.stream().filter(t -> t.state() != TrialState.COMPLETE).count();
      s.append(i == 0 ? "" : ", ").append(ts.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    }
    return notCompleted == 0 ? s.toString() : s + " (+" + notCompleted + " not completed)";
  }

  private static String budgets(List<HalvingSchedule.Result> results) {
    if (results.isEmpty()) return "";
    return String.join(", ", results.get(0).ladder().budgets().stream().map(b ->
        String.format(Locale.ROOT, "%.3g", b.amount())).toList());
  }

  /** Budget share × folds summed over evaluations: the work in units of one maximum-budget fit. */
  private double fullFits(HalvingSchedule.Result r) {
    return r.trials().stream().mapToDouble(t -> t.budget().amount() / t.budget().max()).sum() * o.folds();
  }

  private static Optional<HalvingSchedule.Result> find(List<HalvingSchedule.Result> rs, String name) {
    return rs.stream().filter(r -> r.schedule().equals(name)).findFirst();
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "never" : String.format(Locale.ROOT, "%.1f s", s);
  }

  private static String ratio(double s, double cvWall) {
    return Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.2f", s / cvWall);
  }
}
