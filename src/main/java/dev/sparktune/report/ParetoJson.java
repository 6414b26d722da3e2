package dev.sparktune.report;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Ranking;
import dev.sparktune.pareto.Selection;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys best.json gains when a study has several objectives or constraints: the objectives
 * with their directions, the constraints, the selection rule, how many results were feasible,
 * and the {@code pareto} front (each member's trial, params and objective values), so a
 * scheduler can pick another trade-off than the one refit.
 */
public final class ParetoJson {
  private ParetoJson() {}

  public static Map<String, Object> of(List<Trial> trials, Goals goals, Selection select) {
    Ranking ranking = Ranking.atFullBudget(trials, goals);
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> objectives = new ArrayList<>();
    for (Goal g : goals.goals()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", g.name());
      o.put("direction", g.direction().name().toLowerCase(Locale.ROOT));
      objectives.add(o);
    }
    m.put("objectives", objectives);
    m.put("constraints", goals.constraints().stream().map(Constraint::toString).toList());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("within", select.within());
    s.put("prefer", select.preferred(goals).name());
    m.put("select", s);
    int feasible = 0;
    for (int i = 0; i < ranking.size(); i++) if (ranking.feasible(i)) feasible++;
    m.put("feasible", feasible);
    m.put("infeasible", ranking.size() - feasible);
    List<Map<String, Object>> front = new ArrayList<>();
    for (Trial t : ranking.front()) {
      Outcome.Completed c = Goals.completed(t).orElseThrow();
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("trial", t.number());
      p.put("params", new LinkedHashMap<>(t.assignment().values()));
      p.put("values", values(goals, c));
      p.put("cv_std", c.std());
      front.add(p);
    }
    m.put("pareto", front);
    return m;
  }

  /** Every objective's and constrained value of {@code c} by name, in the goals' order. */
  static Map<String, Object> values(Goals goals, Outcome.Completed c) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (Goal g : goals.goals()) v.put(g.name(), finite(goals.value(c, g.name())));
    for (Constraint k : goals.constraints()) v.putIfAbsent(k.name(), finite(goals.value(c, k.name())));
    return v;
  }

  private static Object finite(double d) {
    return Double.isFinite(d) ? d : null;
  }
}
