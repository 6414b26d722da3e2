package dev.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sparktune.space.Param;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** report.html in a real browser: headless Chromium, no network. */
@Tag("browser")
public class BrowserReportTest {
  /** What each chart must draw for {@code data}, computed here independently of the page's script. */
  static Map<String, Integer> expectedPoints(ReportData data) {
    List<Trial> trials = data.trials();
    List<Verdict> verdicts = History.of(trials).verdicts();
    List<Trial> scored = trials.stream().filter(t -> t.value().isPresent()).toList();
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("history-number", trials.size());
    m.put("history-time", trials.size());
    // the parallel coordinates open on the best 10% once there are more than 300 evaluations
    m.put("parallel", trials.size() > 300 ? (int) Math.ceil(0.1 * scored.size()) : scored.size());
    List<Param> params = data.space().params();
    for (int i = 0; i < params.size(); i++) {
      String name = params.get(i).name();
      m.put("slice-" + i, (int) scored.stream().filter(t -> t.assignment().get(name) != null).count());
    }
    Set<String> rungStates = new HashSet<>();
    Set<Integer> rungs = new HashSet<>();
    for (int i = 0; i < trials.size(); i++) {
      rungStates.add(trials.get(i).rung() + "/" + verdicts.get(i));
      rungs.add(trials.get(i).rung());
    }
    if (rungs.size() > 1) m.put("rungs", rungStates.size());
    m.put("timeline", trials.size());
    m.put("cost", (int) scored.stream().filter(t -> data.costs().containsKey(t.number())).count());
    Set<String> errors = new HashSet<>();
    for (Trial t : trials) {
      Outcome o = t.outcome().orElse(null);
      if (o instanceof Outcome.Failed || o instanceof Outcome.TimedOut || o instanceof Outcome.Cancelled) errors.add(o.toString());
    }
    m.put("failures", errors.size());
    data.goals().filter(g -> g.size() >= 2).ifPresent(g -> m.put("pareto",
        dev.sparktune.pareto.Ranking.atFullBudget(trials, g).size()));
    return m;
  }

  /** Opens {@code html} and checks no script error and every chart's count; returns the DOM. */
  public static String check(Path html, Path screenshot, ReportData data) throws Exception {
    String dom = Tools.chromium(html, screenshot);
    JsonNode status = new ObjectMapper().readTree(Tools.status(dom));
    assertEquals(0, status.get("errors").size(), "script errors: " + status.get("errors"));
    Map<String, Integer> expected = expectedPoints(data);
    int importance = data.trials().stream().filter(t -> t.value().isPresent()).count() >= Importance.MIN_TRIALS
        ? data.space().params().size() : 0;
    JsonNode points = status.get("points");
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      assertTrue(points.has(e.getKey()), "chart " + e.getKey() + " missing: " + points);
      assertEquals(e.getValue().intValue(), points.get(e.getKey()).asInt(), "points of " + e.getKey() + ": " + points);
    }
    assertTrue(points.get("importance").asInt() == importance || points.get("importance").asInt() == 0 && importance > 0
        && data.trials().stream().noneMatch(t -> t.state() == dev.sparktune.trial.TrialState.COMPLETE),
        "importance bars: " + points);
    assertTrue(Files.size(screenshot) > 10_000, "a screenshot was saved: " + screenshot);
    return dom;
  }

  /** Two objectives and a constraint: the front chart draws every completed evaluation, without script errors. */
  @Test
  void aStudyWithTwoObjectivesDrawsItsFront() throws Exception {
    List<Trial> trials = new java.util.ArrayList<>();
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    java.time.Instant t0 = java.time.Instant.parse("2026-12-07T10:00:00Z");
    for (int i = 0; i < 40; i++) {
      double x = rng.nextDouble();
      Trial t = Trial.running(i, dev.sparktune.space.Assignment.of(Map.of("x", x)), dev.sparktune.trial.Budget.full(),
          t0.plusSeconds(i));
      double auc = 0.8 + 0.15 * Math.sqrt(x) + 0.02 * rng.nextDouble();
      double seconds = 5 + 70 * x;
      trials.add(t.finish(new Outcome.Completed(auc, List.of(auc), seconds, Map.of("fit-seconds", seconds)),
          t0.plusSeconds(i + 1)));
    }
    var goals = new dev.sparktune.pareto.Goals("areaUnderROC", List.of(
        new dev.sparktune.pareto.Goal("areaUnderROC", dev.sparktune.trial.Direction.MAXIMIZE),
        new dev.sparktune.pareto.Goal("fit-seconds", dev.sparktune.trial.Direction.MINIMIZE)),
        List.of(new dev.sparktune.pareto.Constraint("fit-seconds", dev.sparktune.pareto.Constraint.Op.LT, 60)));
    ReportData data = new ReportData("tradeoff", "areaUnderROC", dev.sparktune.trial.Direction.MAXIMIZE, "gbt-classifier", 1,
        dev.sparktune.space.SearchSpace.of(dev.sparktune.space.FloatParam.of("x", 0, 1)), trials, Map.of(),
        java.util.Optional.empty(), t0.plusSeconds(100)).withGoals(goals);
    Path html = Path.of("target", "report-browser", "pareto.html");
    Files.createDirectories(html.getParent());
    Files.writeString(html, HtmlReport.build(data));
    String dom = check(html, Path.of("target", "report-browser", "pareto.png"), data);
    assertTrue(dom.contains("Pareto front"), "the section is there");
    assertTrue(dom.contains("broke a constraint (fit-seconds &lt; 60)"), "the guide names the constraint");
    // The summary's best is feasible: the best AUC among results that fit in under 60 s.
    Trial top = trials.stream().filter(t -> ((Outcome.Completed) t.outcome().orElseThrow()).measures().get("fit-seconds") < 60)
        .max(java.util.Comparator.comparingDouble(t -> t.value().getAsDouble())).orElseThrow();
    assertTrue(dom.contains("trial " + top.number() + ": areaUnderROC"), "summary best is trial " + top.number());
  }

  @Test
  void aThousandConfigurationStudyDrawsEveryChartWithoutErrorsAndHostileValuesStayText() throws Exception {
    ReportData data = SimulatedStudy.of(1000);
    Path html = Path.of("target", "report-browser", "report.html");
    Files.createDirectories(html.getParent());
    Files.writeString(html, HtmlReport.build(data));
    String dom = check(html, Path.of("target", "report-browser", "report.png"), data);
    // The hostile categorical value, the error holding </script> and the name holding <b> are text:
    // escaped in the DOM, never elements.
    assertTrue(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the categorical value shows as text");
    assertTrue(dom.contains("IllegalStateException: &lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;"), "the error shows as text");
    assertTrue(dom.contains("simulated &lt;b&gt;study&lt;/b&gt;"), "the study name shows as text");
    assertFalse(dom.contains("<img"), "no img element was created");
    assertFalse(dom.contains("<b>study"), "no b element was created");
  }
}
