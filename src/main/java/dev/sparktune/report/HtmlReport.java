package dev.sparktune.report;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.Values;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.SparkCost;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialCost;
import dev.sparktune.trial.TrialState;
import dev.sparktune.trial.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * report.html: one self-contained page (styles, script and data inlined, nothing fetched) that
 * draws a study as hand-written SVG: summary, optimization history, parallel coordinates, param
 * importance and slices, rungs, slot timeline, Spark cost and failures, each with a one-line
 * reading guide. No charting library: at 1,000 trials the page is a few hundred KB, where one
 * library alone would be about 1 MB.
 *
 * <p>Every string from the study (names, categorical values, errors) travels as JSON data in a
 * {@code <script type="application/json">} block with {@code < > &} escaped, so none of it can end
 * the block, and the script puts it on the page only as text, never as markup.
 */
public final class HtmlReport {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");

  private HtmlReport() {}

  public static String build(ReportData r) {
    StringBuilder sb = new StringBuilder(64 * 1024 + r.trials().size() * 160);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        // Nothing may be fetched: the page must open offline, and a hostile value could not load anything anyway.
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("script-src 'unsafe-inline'; img-src data:\">")
        .append("<title>sparktune report</title><style>").append(CSS).append("</style></head><body>\n")
        .append("<h1 id=\"title\">sparktune report</h1><p class=\"guide\" id=\"subtitle\"></p>")
        .append("<noscript>This report draws its charts with JavaScript; the data is in trials.csv.</noscript>")
        .append("<main id=\"report\"></main><pre id=\"report-status\" hidden></pre>\n")
        .append("<script type=\"application/json\" id=\"data\">");
    data(sb, r);
    sb.append("</script>\n<script>").append(JS).append("</script></body></html>\n");
    return sb.toString();
  }

  private static void data(StringBuilder sb, ReportData r) {
    List<Trial> trials = r.trials();
    List<Verdict> verdicts = History.of(trials).verdicts();
    Instant t0 = trials.stream().map(Trial::started).min(Instant::compareTo).orElse(r.generated());
    // A running trial's bar reaches the time of the report; otherwise the study's time ends at its last finish.
    boolean running = trials.stream().anyMatch(t -> t.finished().isEmpty());
    Instant last = running ? r.generated() : t0;
    for (Trial t : trials) if (t.finished().isPresent() && t.finished().get().isAfter(last)) last = t.finished().get();
    final Instant now = last;
    long wall = Math.max(1, Duration.between(t0, last).toMillis());

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", r.name());
    root.put("metric", r.metric());
    root.put("direction", r.direction().name().toLowerCase(Locale.ROOT));
    root.put("estimator", r.estimator());
    root.put("folds", r.folds());
    root.put("generated", r.generated().toString());
    root.put("wall", wall);
    root.put("end", r.end().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stop", e.stopReason());
      m.put("test", e.testMetric().isPresent() ? e.testMetric().getAsDouble() : null);
      m.put("total", e.totalSeconds());
      return (Object) m;
    }).orElse(null));

    List<Object> params = new ArrayList<>();
    for (Param p : r.space().params()) params.add(param(p));
    root.put("params", params);
    List<String> states = new ArrayList<>();
    for (Verdict v : Verdict.values()) states.add(v.name());
    root.put("states", states);

    Map<String, Integer> errors = new LinkedHashMap<>();
    Map<String, Integer> budgets = new LinkedHashMap<>();
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      List<Object> row = new ArrayList<>();
      row.add(t.number());
      row.add(verdicts.get(i).ordinal());
      row.add(t.configId());
      row.add(t.rung());
      row.add(budgets.computeIfAbsent(t.budget().label(), k -> budgets.size()));
      row.add(Duration.between(t0, t.started()).toMillis());
      row.add(t.finished().map(f -> (Object) Duration.between(t0, f).toMillis()).orElse(null));
      Outcome o = t.outcome().orElse(null);
      Outcome.Completed c = o instanceof Outcome.Completed done ? done : null;
      row.add(c != null ? (Object) (float) c.value() : null);
      row.add(c != null ? (Object) (float) c.std() : null);
      List<Object> values = new ArrayList<>();
      for (Param p : r.space().params()) {
        Object v = t.assignment().get(p.name());
        values.add(v == null ? null : p instanceof CategoricalParam cp ? (Object) cp.indexOf(v) : (Object) ((Number) v).doubleValue());
      }
      row.add(values);
      String error = o instanceof Outcome.Failed f ? f.error() : o instanceof Outcome.Pruned p ? "pruned: " + p.reason()
          : o instanceof Outcome.TimedOut to ? to.reason() : o instanceof Outcome.Cancelled x ? "cancelled: " + x.reason() : null;
      // Pruning is the scheduler's choice, not a failure: it is not listed among the errors.
      row.add(error == null || o instanceof Outcome.Pruned ? -1 : errors.computeIfAbsent(error, k -> errors.size()));
      TrialCost cost = r.costs().get(t.number());
      if (cost == null) {
        row.add(null);
      } else {
        SparkCost s = cost.total();
        row.add(List.of(s.tasks(), s.cpuMs(), s.runMs(), s.gcMs(), s.shuffleBytes(), s.spillBytes(), cost.complete() ? 1 : 0));
      }
      rows.add(row);
    }
    root.put("errors", new ArrayList<>(errors.keySet()));
    root.put("budgets", new ArrayList<>(budgets.keySet()));
    root.put("trials", rows);
    root.put("best", best(r));
    root.put("slots", slots(trials, now, wall));
    root.put("cost", costs(r.costs()));
    root.put("imp", importance(r, verdicts));
    root.put("rungs", rungs(trials, verdicts));
    root.put("pareto", r.goals().filter(g -> g.size() >= 2).map(g -> pareto(trials, g)).orElse(null));
    ScriptJson.write(sb, root);
  }

  /**
   * The first two objectives of every completed full-budget evaluation, whether it is on the
   * front and whether it kept the constraints: [trial, x, y, front 0/1, feasible 0/1].
   */
  private static Map<String, Object> pareto(List<Trial> trials, dev.sparktune.pareto.Goals goals) {
    dev.sparktune.pareto.Ranking r = dev.sparktune.pareto.Ranking.atFullBudget(trials, goals);
    java.util.Set<Integer> front = r.frontNumbers();
    var gx = goals.goals().get(0);
    var gy = goals.goals().get(1);
    List<Object> pts = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Trial t = r.trials().get(i);
      Outcome.Completed c = dev.sparktune.pareto.Goals.completed(t).orElseThrow();
      double x = goals.value(c, gx.name());
      double y = goals.value(c, gy.name());
      if (!Double.isFinite(x) || !Double.isFinite(y)) continue;
      pts.add(List.of(t.number(), x, y, front.contains(t.number()) ? 1 : 0, r.feasible(i) ? 1 : 0));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("x", gx.name());
    m.put("y", gy.name());
    m.put("xmax", gx.direction() == dev.sparktune.trial.Direction.MAXIMIZE);
    m.put("ymax", gy.direction() == dev.sparktune.trial.Direction.MAXIMIZE);
    m.put("constraints", goals.constraints().stream().map(Object::toString).toList());
    m.put("pts", pts);
    return m;
  }

  private static Map<String, Object> param(Param p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", p.name());
    if (p instanceof FloatParam f) {
      m.put("t", "float");
      m.put("lo", f.low());
      m.put("hi", f.high());
      m.put("log", f.log());
    } else if (p instanceof IntParam i) {
      m.put("t", "int");
      m.put("lo", (double) i.low());
      m.put("hi", (double) i.high());
      m.put("log", i.log());
    } else if (p instanceof CategoricalParam c) {
      m.put("t", "cat");
      m.put("c", c.choices().stream().map(Values::format).toList());
      m.put("log", false);
    }
    m.put("cond", p.condition().map(c -> (Object) (c.parent() + " in " + c.values())).orElse(null));
    return m;
  }

  private static Object best(ReportData r) {
    // With constraints, an infeasible result is never the best: the front's best first objective is.
    Optional<Trial> best = r.goals().isPresent()
        ? dev.sparktune.pareto.Selection.best().choose(dev.sparktune.pareto.Ranking.atFullBudget(r.trials(),
            r.goals().get()), r.goals().get())
        : History.of(r.trials()).best(r.direction());
    if (best.isEmpty()) return null;
    Trial t = best.get();
    Outcome.Completed c = (Outcome.Completed) t.outcome().orElseThrow();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trial", t.number());
    m.put("mean", c.value());
    m.put("std", c.std());
    List<Object> params = new ArrayList<>();
    t.assignment().values().forEach((k, v) -> params.add(List.of(k, Values.format(v))));
    m.put("params", params);
    return m;
  }

  /** How many evaluations ran at once at most (the slots), and how busy they were on average. */
  private static Map<String, Object> slots(List<Trial> trials, Instant now, long wallMs) {
    List<long[]> edges = new ArrayList<>();
    double busy = 0;
    for (Trial t : trials) {
      long a = t.started().toEpochMilli();
      long b = t.finished().orElse(now).toEpochMilli();
      edges.add(new long[] {a, 1});
      edges.add(new long[] {b, -1});
      busy += Math.max(0, b - a);
    }
    edges.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    int open = 0;
    int max = 0;
    for (long[] e : edges) {
      open += (int) e[1];
      max = Math.max(max, open);
    }
    int count = Math.max(1, max);
    double used = busy / wallMs;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("used", Math.round(used * 10) / 10.0);
    m.put("share", Math.min(1.0, used / count));
    return m;
  }

  private static Object costs(Map<Integer, TrialCost> costs) {
    if (costs.isEmpty()) return null;
    SparkCost c = TrialCost.sum(costs.values()).total();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trials", costs.size());
    m.put("cpu", c.cpuMs());
    m.put("run", c.runMs());
    m.put("tasks", c.tasks());
    m.put("incomplete", costs.values().stream().filter(x -> !x.complete()).count());
    return m;
  }

  /**
   * PED-ANOVA on the evaluations completed at the full budget; under a schedule with too few of
   * those, on every completed evaluation (scores at mixed budgets, which the page says).
   */
  private static Object importance(ReportData r, List<Verdict> verdicts) {
    List<Trial> full = new ArrayList<>();
    List<Trial> any = new ArrayList<>();
    for (int i = 0; i < r.trials().size(); i++) {
      Trial t = r.trials().get(i);
      if (t.state() != TrialState.COMPLETE) continue;
      any.add(t);
      if (verdicts.get(i) == Verdict.COMPLETED) full.add(t);
    }
    boolean mixed = full.size() < Importance.MIN_TRIALS && any.size() > full.size();
    List<Trial> basis = mixed ? any : full;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("top", Importance.TOP);
    m.put("basis", mixed ? "the completed evaluations at every budget" : "the evaluations completed at the full budget");
    m.put("min", Importance.MIN_TRIALS);
    m.put("n", basis.size());
    List<Object> values = new ArrayList<>();
    Importance.pedAnova(r.space(), r.direction(), basis).forEach((k, v) -> values.add(List.of(k, v)));
    m.put("values", values);
    return m;
  }

  private static Object rungs(List<Trial> trials, List<Verdict> verdicts) {
    Map<Integer, Map<String, Object>> by = new TreeMap<>();
    for (int i = 0; i < trials.size(); i++) {
      Trial t = trials.get(i);
      Map<String, Object> m = by.computeIfAbsent(t.rung(), k -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("rung", k);
        x.put("budget", t.budget().label());
        x.put("total", 0);
        x.put("by", new TreeMap<String, Object>());
        return x;
      });
      m.put("total", (Integer) m.get("total") + 1);
      @SuppressWarnings("unchecked")
      Map<String, Object> counts = (Map<String, Object>) m.get("by");
      counts.merge(verdicts.get(i).name(), 1, (a, b) -> (Integer) a + (Integer) b);
    }
    return new ArrayList<>(by.values());
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) throw new IllegalStateException("missing resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
