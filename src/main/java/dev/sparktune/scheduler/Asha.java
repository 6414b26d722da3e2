package dev.sparktune.scheduler;

import dev.sparktune.trial.Trial;
import java.util.Locale;
import java.util.Optional;

/**
 * Asynchronous successive halving (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020). Whenever a slot is free: promote the best not-yet-promoted configuration
 * of the highest rung whose top ⌊n/η⌋ contains it (n = results at that rung), else start a new
 * configuration at the bottom rung. No slot ever waits for a rung to fill; the price is that a
 * few configurations are promoted that synchronous halving, seeing the whole rung, would not.
 *
 * <p>With {@code brackets} = b > 1, new configurations are spread over b ASHA ladders starting
 * at rungs 0 … b-1 (the paper's asynchronous Hyperband), in proportion to Hyperband's bracket
 * sizes. Pruned evaluations count in n but never rank, so they only make room above them.
 */
public final class Asha implements Scheduler {
  private final Ladder ladder;
  private final int brackets;
  // Kept current from the history's changes: rebuilding the rungs per decision was quadratic in trials.
  private final RungIndex rungs = new RungIndex();

  /**
   * @throws IllegalArgumentException if {@code brackets} is not in [1, rungs]
   */
  public Asha(Ladder ladder, int brackets) {
    int rungs = ladder.topRung() + 1;
    if (brackets < 1 || brackets > rungs) {
      throw new IllegalArgumentException("brackets must be in [1, " + rungs + "] for " + rungs + " rungs, got " + brackets);
    }
    this.ladder = ladder;
    this.brackets = brackets;
  }

  @Override
  public synchronized Action next(Snapshot snap) {
    rungs.catchUp(snap.history());
    int eta = ladder.eta();
    for (int rung = ladder.topRung() - 1; rung >= 0; rung--) {
      for (int b = 0; b < brackets && b <= rung; b++) {
        RungIndex.Cell at = rungs.at(b, rung);
        int n = at.results();
        // The best unpromoted evaluation is the first one a walk down the ranking would promote.
        Optional<Trial> candidate = at.bestUnpromoted();
        if (candidate.isEmpty()) continue;
        int rank = at.rank(candidate.get());
        int k = Math.min(n / eta, at.completed());
        if (rank < k) {
          Trial t = candidate.get();
          return new Action.Promote(t, ladder.at(rung + 1), rung + 1, String.format(Locale.ROOT,
              "asha: trial %d is %d of the top %d of %d at rung %d%s", t.number(), rank + 1, n / eta, n, rung,
              brackets > 1 ? " of bracket " + b : ""));
        }
      }
    }
    if (snap.noNewConfigurations()) {
      return new RungLedger(snap.history()).drain(ladder, "asha: nothing left to promote and no new configurations");
    }
    int b = nextBracket();
    return new Action.Start(ladder.at(b), b, b, "asha: nothing to promote; new configuration at rung " + b
        + (brackets > 1 ? " (bracket " + b + ")" : ""));
  }

  /**
   * The bracket furthest below its share: bracket b gets configurations in proportion to
   * Hyperband's ⌈(s_max+1)/(s+1)·η^s⌉ with s = s_max - b, so the cheap deep brackets get most.
   */
  private int nextBracket() {
    int sMax = ladder.topRung();
    int best = 0;
    long bestCount = 0;
    long bestWeight = 1;
    for (int b = 0; b < brackets; b++) {
      long count = rungs.at(b, b).roots();
      long weight = SynchronousHalving.size(sMax, sMax - b, ladder.eta());
      // count/weight < bestCount/bestWeight, cross-multiplied to stay exact.
      if (b == 0 || count * bestWeight < bestCount * weight) {
        best = b;
        bestCount = count;
        bestWeight = weight;
      }
    }
    return best;
  }

  @Override
  public Ladder ladder() {
    return ladder;
  }

  @Override
  public String name() {
    return "asha";
  }
}
