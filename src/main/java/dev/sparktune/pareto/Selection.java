package dev.sparktune.pareto;

import dev.sparktune.trial.Trial;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which member of the front is refit and saved, so a nightly job with several objectives still
 * ends with one model: among the front's members whose first objective is within {@code within}
 * of the front's best, the best by {@code prefer} (e.g. within 0.002 AUC of the top, the least fit
 * time). Ties go to the earlier trial. With one objective the front is the best feasible result,
 * so this is the usual best.
 *
 * @param within how far from the best first-objective value a member may be, in its own units (≥ 0)
 * @param prefer the objective that decides among those; empty = the second objective, or the first
 *     when there is only one
 */
public record Selection(double within, Optional<String> prefer) {
  public Selection {
    Objects.requireNonNull(prefer);
    if (!(within >= 0) || !Double.isFinite(within)) {
      throw new IllegalArgumentException("select.within must be a finite number >= 0, got " + within);
    }
  }

  /** The best first-objective value, nothing traded. */
  public static Selection best() {
    return new Selection(0, Optional.empty());
  }

  /** The objective {@code prefer} names, resolved against {@code goals}. */
  public Goal preferred(Goals goals) {
    String name = prefer.orElse(goals.goals().get(goals.size() > 1 ? 1 : 0).name());
    return goals.goals().stream().filter(g -> g.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("select.prefer: '" + name + "' is not an objective; objectives: "
            + goals.names()));
  }

  /** The chosen front member, if the front has any. */
  public Optional<Trial> choose(Ranking ranking, Goals goals) {
    List<Trial> front = ranking.front();
    if (front.isEmpty()) return Optional.empty();
    Goal first = goals.goals().get(0);
    Goal by = preferred(goals);
    double top = front.stream().mapToDouble(t -> first.loss(goals.value(Goals.completed(t).orElseThrow(), first.name())))
        .min().orElseThrow();
    Trial chosen = null;
    double chosenLoss = Double.POSITIVE_INFINITY;
    double chosenFirst = Double.POSITIVE_INFINITY;
    for (Trial t : front) {
      var c = Goals.completed(t).orElseThrow();
      double f = first.loss(goals.value(c, first.name()));
      if (f > top + within) continue;
      double l = by.loss(goals.value(c, by.name()));
      // Equal on the preferred objective: the better first objective, then the earlier trial.
      if (chosen == null || l < chosenLoss || (l == chosenLoss && f < chosenFirst)) {
        chosen = t;
        chosenLoss = l;
        chosenFirst = f;
      }
    }
    return Optional.ofNullable(chosen);
  }
}
