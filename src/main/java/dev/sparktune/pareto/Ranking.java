package dev.sparktune.pareto;

import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.util.ArrayList;
import java.util.List;

/**
 * Completed results ranked without a single score: each one's losses, constraint violation,
 * non-dominated rank (constrained) and crowding distance. Built from trials and the study's
 * {@link Goals}, so a sampler, the trial table and best.json agree on who is on the front.
 *
 * @param trials the completed trials ranked, in the order given
 */
public record Ranking(List<Trial> trials, double[][] losses, double[] violations, int[] ranks, double[] crowding) {

  /** Ranks the completed trials of {@code trials}; the caller picks the budget (usually the full one). */
  public static Ranking of(List<Trial> trials, Goals goals) {
    List<Trial> done = new ArrayList<>();
    for (Trial t : trials) if (t.state() == TrialState.COMPLETE && Goals.completed(t).isPresent()) done.add(t);
    double[][] losses = new double[done.size()][];
    double[] violations = new double[done.size()];
    for (int i = 0; i < losses.length; i++) {
      Outcome.Completed c = Goals.completed(done.get(i)).orElseThrow();
      losses[i] = goals.losses(c);
      violations[i] = goals.rankedViolation(c);
      for (int k = 0; k < losses[i].length; k++) if (Double.isNaN(losses[i][k])) losses[i][k] = Double.MAX_VALUE;
    }
    int[] ranks = NonDominatedSort.ranks(losses, violations);
    return new Ranking(List.copyOf(done), losses, violations, ranks, Crowding.distances(losses, ranks));
  }

  /** Completed trials at the full budget only: the only ones that can be the best or on the front. */
  public static Ranking atFullBudget(List<Trial> trials, Goals goals) {
    return of(trials.stream().filter(t -> t.budget().isFull()).toList(), goals);
  }

  public int size() {
    return trials.size();
  }

  public boolean feasible(int i) {
    return violations[i] <= 0;
  }

  /** Feasible results of rank 0: the Pareto front, in trial order. */
  public List<Trial> front() {
    List<Trial> f = new ArrayList<>();
    for (int i = 0; i < ranks.length; i++) if (ranks[i] == 0 && feasible(i)) f.add(trials.get(i));
    return f;
  }

  /** Trial numbers on the front. */
  public java.util.Set<Integer> frontNumbers() {
    java.util.Set<Integer> s = new java.util.TreeSet<>();
    for (Trial t : front()) s.add(t.number());
    return s;
  }
}
