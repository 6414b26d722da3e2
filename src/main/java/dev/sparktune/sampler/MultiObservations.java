package dev.sparktune.sampler;

import dev.sparktune.pareto.Goals;
import dev.sparktune.pareto.Ranking;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.space.UnitCube;
import dev.sparktune.trial.History;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What a sampler for several objectives or constraints learns from: the completed trials of one
 * budget as unit-cube rows with their {@link Ranking} (losses, violation, rank, crowding), and the
 * points still running. The multi-objective counterpart of {@link Observations}, with the same
 * budget rule (the largest budget with {@code enough} results, as BOHB does), rebuilt from the
 * history on every call so a replayed study proposes the same point.
 */
public record MultiObservations(double[][] x, Ranking ranking, double[][] pending) {

  public int size() {
    return x.length;
  }

  public static MultiObservations of(SearchSpace space, History history, Goals goals, int enough) {
    UnitCube cube = space.cube();
    TreeMap<Double, List<Trial>> byBudget = new TreeMap<>();
    List<double[]> pending = new ArrayList<>();
    for (Trial t : history.trials()) {
      if (t.state() == TrialState.RUNNING) pending.add(cube.encode(t.assignment()));
      if (t.state() != TrialState.COMPLETE || Goals.completed(t).isEmpty()) continue;
      double key = t.budget().isFull() ? Double.POSITIVE_INFINITY : t.budget().amount();
      byBudget.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    List<Trial> rows = List.of();
    for (Double key : byBudget.descendingKeySet()) {
      if (byBudget.get(key).size() >= enough) {
        rows = byBudget.get(key);
        break;
      }
    }
    if (rows.isEmpty()) {
      for (List<Trial> l : byBudget.values()) if (l.size() >= rows.size()) rows = l;
    }
    Ranking ranking = Ranking.of(rows, goals);
    double[][] x = new double[ranking.size()][];
    for (int i = 0; i < x.length; i++) x[i] = cube.encode(ranking.trials().get(i).assignment());
    return new MultiObservations(x, ranking, pending.toArray(new double[0][]));
  }
}
