package dev.sparktune.pareto;

import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a study optimises: its objectives in the configured order, and the constraints a result
 * must keep. One objective and no constraint is the common case, not a separate code path.
 *
 * <p>A trial's value of an objective is read by name: {@code metric} (the evaluator's metric) is
 * {@link Outcome.Completed#value()}, every other name is one of the outcome's
 * {@link Outcome.Completed#measures()}.
 *
 * @param metric the name whose value is the outcome's {@code value}
 * @param goals the objectives, at least one, names distinct
 * @param constraints bounds on measured values (objectives or not)
 */
public record Goals(String metric, List<Goal> goals, List<Constraint> constraints) {
  public Goals {
    Objects.requireNonNull(metric);
    goals = List.copyOf(goals);
    constraints = List.copyOf(constraints);
    if (goals.isEmpty()) throw new IllegalArgumentException("at least one objective");
    Set<String> seen = new HashSet<>();
    for (Goal g : goals) {
      if (!seen.add(g.name())) throw new IllegalArgumentException("objective '" + g.name() + "' given twice");
    }
  }

  /** One objective, no constraints. */
  public static Goals single(String metric, Direction direction) {
    return new Goals(metric, List.of(new Goal(metric, direction)), List.of());
  }

  public int size() {
    return goals.size();
  }

  public boolean several() {
    return goals.size() > 1;
  }

  /** Several objectives, or constraints: ranking needs more than one score. */
  public boolean beyondOneScore() {
    return several() || !constraints.isEmpty();
  }

  public List<String> names() {
    return goals.stream().map(Goal::name).toList();
  }

  /** {@code name}'s value in {@code c}: NaN if it was not measured. */
  public double value(Outcome.Completed c, String name) {
    if (name.equals(metric)) return c.value();
    Double v = c.measures().get(name);
    return v == null ? Double.NaN : v;
  }

  /** The objectives' values of {@code c}, in order. */
  public double[] values(Outcome.Completed c) {
    double[] v = new double[goals.size()];
    for (int i = 0; i < v.length; i++) v[i] = value(c, goals.get(i).name());
    return v;
  }

  /** The objectives turned so that smaller is better (NaN where unmeasured). */
  public double[] losses(Outcome.Completed c) {
    double[] v = new double[goals.size()];
    for (int i = 0; i < v.length; i++) v[i] = goals.get(i).loss(value(c, goals.get(i).name()));
    return v;
  }

  /** Summed relative violation of the constraints; 0 when all hold. */
  public double violation(Outcome.Completed c) {
    double sum = 0;
    for (Constraint k : constraints) sum += k.violation(value(c, k.name()));
    return sum;
  }

  /**
   * The violation that Deb's rule ranks {@code c} by: 0 when {@link #feasible}, otherwise positive
   * and finite. An objective that was not measured makes the result unrankable, so it counts
   * infeasible; an unmeasured constrained value counts as the largest violation.
   */
  public double rankedViolation(Outcome.Completed c) {
    if (feasible(c)) return 0;
    double v = Math.max(violation(c), 1e-12);
    return Double.isFinite(v) ? v : Double.MAX_VALUE;
  }

  /** Every constraint holds and every objective was measured. */
  public boolean feasible(Outcome.Completed c) {
    for (Constraint k : constraints) if (!k.holds(value(c, k.name()))) return false;
    for (double l : losses(c)) if (Double.isNaN(l)) return false;
    return true;
  }

  /** The constraints {@code c} breaks, as written ({@code fit-seconds < 60}). */
  public List<Constraint> broken(Outcome.Completed c) {
    return constraints.stream().filter(k -> !k.holds(value(c, k.name()))).toList();
  }

  /** The completed outcome of {@code t}, if it has one. */
  public static Optional<Outcome.Completed> completed(Trial t) {
    return t.outcome().filter(o -> o instanceof Outcome.Completed).map(o -> (Outcome.Completed) o);
  }
}
