package dev.sparktune.study;

import dev.sparktune.space.Assignment;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Chooses what an earlier study lends this one: see {@link Prior}.
 *
 * <p>Only completed trials with a finite score count. A configuration is ranked by the trial that
 * went furthest (largest budget, as a fraction of its schedule's maximum), and configurations that
 * went further rank first: under successive halving a score measured on a ninth of the data is not
 * comparable with one on all of it, and the earlier schedule already judged the ones it promoted
 * to be better. Within one budget the score decides, in the earlier study's direction, and ties go
 * to the earlier configuration. Configurations are distinct by value ({@link Assignment#sameAs}):
 * one evaluated twice is one candidate, at its better result.
 *
 * <p>A configuration fits when {@link SearchSpace#contains} holds: every active param present and
 * inside its range or choices, no value for an inactive conditional param, no param the space no
 * longer has. Configurations that do not fit are neither re-checked nor learnt from.
 */
public final class PriorSelection {
  private PriorSelection() {}

  /**
   * @param earlier the earlier study's trials, in their order
   * @param direction which way the earlier study's metric points
   * @param topK how many configurations to re-check first, at least 1
   */
  public static Prior select(List<Trial> earlier, Direction direction, SearchSpace space, int topK) {
    if (topK < 1) throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
    List<Trial> completed = earlier.stream().filter(PriorSelection::scored).toList();

    Map<String, Trial> furthest = new LinkedHashMap<>();
    Comparator<Trial> better = Comparator.comparingDouble(PriorSelection::level)
        .thenComparingDouble(t -> direction.signed(t.value().getAsDouble()));
    for (Trial t : completed) furthest.merge(t.assignment().key(), t, (a, b) -> better.compare(b, a) > 0 ? b : a);

    Map<String, Integer> dropped = new TreeMap<>();
    List<Trial> fitting = new ArrayList<>();
    for (Trial t : furthest.values()) {
      Optional<String> why = misfit(space, t.assignment());
      if (why.isPresent()) dropped.merge(why.get(), 1, Integer::sum);
      else fitting.add(t);
    }
    // Best first; among equals the configuration the earlier study tried first.
    fitting.sort(better.reversed().thenComparingInt(Trial::configId));
    List<Assignment> first = fitting.stream().limit(topK).map(Trial::assignment).toList();

    List<Trial> fits = completed.stream().filter(t -> space.contains(t.assignment())).toList();
    List<Trial> observations = new ArrayList<>();
    for (int i = 0; i < fits.size(); i++) observations.add(renumbered(fits.get(i), i - fits.size()));
    return new Prior(first, observations, furthest.size(), byCount(dropped));
  }

  /**
   * Why {@code a} does not fit {@code space}, as a phrase without values (so that many misfits
   * group under one reason), or empty if it fits.
   */
  static Optional<String> misfit(SearchSpace space, Assignment a) {
    for (Param p : space.params()) {
      boolean active = p.condition().map(c -> c.holds(a)).orElse(true);
      Object v = a.get(p.name());
      if (active && v == null) return Optional.of("no value for " + p.name());
      if (active && !p.contains(v)) return Optional.of(p.name() + " outside the space");
      if (!active && v != null) return Optional.of(p.name() + " set although its condition does not hold");
    }
    for (String name : a.values().keySet()) {
      if (space.param(name).isEmpty()) return Optional.of(name + " no longer in the space");
    }
    return Optional.empty();
  }

  private static boolean scored(Trial t) {
    return t.state() == TrialState.COMPLETE && t.value().isPresent() && Double.isFinite(t.value().getAsDouble());
  }

  /** How far a trial went: its budget as a fraction of its schedule's maximum (1 for the full budget). */
  private static double level(Trial t) {
    return t.budget().amount() / t.budget().max();
  }

  private static Trial renumbered(Trial t, int number) {
    return new Trial(number, t.assignment(), t.budget(), t.lineage(), t.state(), t.outcome(), t.started(), t.finished());
  }

  private static Map<String, Integer> byCount(Map<String, Integer> counts) {
    Map<String, Integer> ordered = new LinkedHashMap<>();
    counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .forEach(e -> ordered.put(e.getKey(), e.getValue()));
    return ordered;
  }
}
