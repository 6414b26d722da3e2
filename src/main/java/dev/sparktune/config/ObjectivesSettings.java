package dev.sparktune.config;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Measure;
import dev.sparktune.pareto.Selection;
import dev.sparktune.trial.Direction;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The objectives of {@code sparktune.metric} in order, {@code sparktune.constraints} and
 * {@code sparktune.select}. The evaluator metric's direction is the evaluator's, known only at the
 * MLlib edge, so {@link #goals} takes it from there.
 *
 * @param objectives in the configured order: one evaluator metric (its name as written, possibly
 *     empty for the evaluator's default) and built-in measures
 */
public record ObjectivesSettings(List<Objective> objectives, List<Constraint> constraints, Selection select) {
  /** One configured objective; {@code direction} is set only when the config overrides the natural one. */
  public record Objective(String name, Optional<Direction> direction) {
    public boolean builtIn() {
      return Measure.byKey(name).isPresent();
    }
  }

  public ObjectivesSettings {
    objectives = List.copyOf(objectives);
    constraints = List.copyOf(constraints);
  }

  /**
   * Read from a study's resolved config alone (what submit/report has): the metric, constraints
   * and select keys, checked as a job checks them.
   *
   * @throws ConfigError naming the key of the first problem
   */
  public static ObjectivesSettings read(com.typesafe.config.Config config) {
    Problems problems = new Problems();
    // A config.conf written before these keys existed lacks them: their defaults apply.
    ObjectivesSettings o = ObjectivesReader.read(new ValueReader(
        config.withFallback(com.typesafe.config.ConfigFactory.defaultReference()), problems)).objectives();
    problems.throwIfAny();
    return o;
  }

  /** The evaluator metric as written: the objective that is not a built-in measure ("" = the default). */
  public String metric() {
    return objectives.stream().filter(o -> !o.builtIn()).map(Objective::name).findFirst().orElse("");
  }

  /** The evaluator metric alone, no constraint: the single-objective study. */
  public static ObjectivesSettings single(String metric) {
    return new ObjectivesSettings(List.of(new Objective(metric, Optional.empty())), List.of(), Selection.best());
  }

  public boolean several() {
    return objectives.size() > 1;
  }

  /** Several objectives, or constraints. */
  public boolean beyondOneScore() {
    return several() || !constraints.isEmpty();
  }

  /** The built-in measures that must be measured per trial: objectives and constrained ones. */
  public Set<String> measures() {
    Set<String> m = new LinkedHashSet<>();
    for (Objective o : objectives) if (o.builtIn()) m.add(o.name());
    for (Constraint c : constraints) if (Measure.byKey(c.name()).isPresent()) m.add(c.name());
    return m;
  }

  /**
   * The study's goals, with the evaluator metric under its canonical name.
   *
   * @param metric the evaluator metric's MLlib spelling (areaUnderROC)
   * @param natural its direction from the evaluator
   */
  public Goals goals(String metric, Direction natural) {
    List<Goal> goals = new ArrayList<>();
    for (Objective o : objectives) {
      String name = o.builtIn() ? o.name() : metric;
      Direction d = o.direction().orElse(o.builtIn() ? Measure.byKey(o.name()).orElseThrow().direction() : natural);
      goals.add(new Goal(name, d));
    }
    List<Constraint> cs = new ArrayList<>();
    for (Constraint c : constraints) {
      cs.add(Measure.byKey(c.name()).isPresent() ? c : new Constraint(metric, c.op(), c.limit()));
    }
    return new Goals(metric, goals, cs);
  }
}
