package dev.sparktune.sampler;

import dev.sparktune.space.SearchSpace;
import java.util.OptionalInt;

/**
 * Picks a sampler for the space and the trial budget, and says why. The rules follow the
 * benchmark ({@code submit/sampler-benchmark}): a grid when every point fits in the budget (then
 * nothing smarter can beat trying them all); the GP for modest budgets on low-dimensional spaces,
 * where it is the most sample-efficient but its cost grows with the cube of the trial count; TPE
 * otherwise. TPE and GP start with Sobol points. Each is built as its own name builds it, so with
 * constraints the GP models feasibility and TPE is MOTPE, both learning from it.
 */
final class AutoSampler {
  /** Beyond this many trials a GP suggestion costs more than it gains over TPE. */
  static final int GP_MAX_TRIALS = 200;
  /** GP inputs (a categorical counts one per choice) above which TPE is preferred. */
  static final int GP_MAX_INPUTS = 10;

  private AutoSampler() {}

  record Choice(String name, Sampler sampler, String reason) {}

  static Choice choose(Samplers.Options o, SearchSpace space) {
    OptionalInt planned = o.plannedTrials();
    int trials = planned.orElse(Integer.MAX_VALUE);
    String budget = planned.isPresent() ? trials + " trials" : "an unknown number of trials";
    long gridSize = gridSize(space);
    if (gridSize > 0 && gridSize <= trials) {
      return new Choice("grid", new GridSampler(OptionalInt.empty()),
          "the space has " + gridSize + " points and " + budget + " are planned: trying them all is best");
    }
    int inputs = 0;
    for (int k : Observations.categories(space)) inputs += Math.max(1, k);
    if (trials <= GP_MAX_TRIALS && inputs <= GP_MAX_INPUTS) {
      return new Choice("gp", Samplers.named("gp", o, space),
          budget + " on " + inputs + " model inputs: few trials in a low dimension suit a Gaussian process");
    }
    String why = trials > GP_MAX_TRIALS ? budget + " is too many for a Gaussian process (cost grows as n³)"
        : inputs + " model inputs are too many for a Gaussian process with " + budget;
    return new Choice("tpe", Samplers.named("tpe", o, space), why + "; TPE scales to both");
  }

  /** Points of the full grid without range discretisation, or 0 if some param is continuous. */
  private static long gridSize(SearchSpace space) {
    try {
      return new GridSampler(OptionalInt.empty()).size(space).orElse(0);
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }
}
