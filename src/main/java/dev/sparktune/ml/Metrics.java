package dev.sparktune.ml;

import dev.sparktune.mllib.MllibObjective;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.Arrays;
import java.util.List;

/**
 * {@code avgMetrics} and {@code stdMetrics} as CrossValidatorModel gives them: for a grid, one
 * per map in the maps' order (NaN for a point that did not complete); for a searched space, one
 * per configuration completed at the full budget, in trial order.
 */
record Metrics(double[] avg, double[] std) {
  static Metrics ofGrid(GridSpace grid, List<Trial> trials) {
    double[] avg = new double[grid.points().size()];
    double[] std = new double[avg.length];
    Arrays.fill(avg, Double.NaN);
    Arrays.fill(std, Double.NaN);
    for (Trial t : full(trials)) {
      int i = grid.indexOf(t.assignment());
      Outcome.Completed c = (Outcome.Completed) t.outcome().orElseThrow();
      avg[i] = c.value();
      std[i] = c.std();
    }
    return new Metrics(avg, std);
  }

  static Metrics ofTrials(List<Trial> trials, MllibObjective objective) {
    List<Trial> done = full(trials);
    return new Metrics(done.stream().mapToDouble(t -> t.value().getAsDouble()).toArray(),
        done.stream().mapToDouble(t -> ((Outcome.Completed) t.outcome().orElseThrow()).std()).toArray());
  }

  private static List<Trial> full(List<Trial> trials) {
    return trials.stream().filter(t -> t.state() == TrialState.COMPLETE && t.budget().isFull()).toList();
  }
}
