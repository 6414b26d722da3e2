package dev.sparktune.scheduler;

import dev.sparktune.trial.Budget;
import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al., "Hyperband: A Novel Bandit-Based Approach to Hyperparameter
 * Optimization", JMLR 18(185), 2018): synchronous successive halving run in brackets
 * s = s_max, s_max - 1, …, 0, then again. Bracket s starts n = ⌈(s_max+1)/(s+1)·η^s⌉
 * configurations at budget R·η^-s and halves them s times, hedging between many cheap
 * evaluations (s = s_max) and a few full ones (s = 0). For R = 81, η = 3: 81@1 → 27@3 → 9@9 →
 * 3@27 → 1@81, then 34@3 → 11@9 → 3@27 → 1@81, 15@9 → 5@27 → 1@81, 8@27 → 2@81, 5@81.
 */
public final class Hyperband extends SynchronousHalving {
  /** One round of a bracket: {@code configs} evaluations at {@code budget}. */
  public record Round(int configs, Budget budget) {}

  /** Bracket s: its rounds, from the smallest budget up. */
  public record Bracket(int s, List<Round> rounds) {
    public Bracket {
      rounds = List.copyOf(rounds);
    }
  }

  public Hyperband(Ladder ladder) {
    super(ladder);
  }

  /** Instances cycle through s = s_max down to 0. */
  @Override
  int bracketOf(int instance) {
    int sMax = ladder().topRung();
    return sMax - instance % (sMax + 1);
  }

  /** The brackets of one Hyperband iteration, s = s_max first, as the paper tabulates them. */
  public List<Bracket> plan() {
    int sMax = ladder().topRung();
    int eta = ladder().eta();
    List<Bracket> out = new ArrayList<>();
    for (int s = sMax; s >= 0; s--) {
      List<Round> rounds = new ArrayList<>();
      long n = size(sMax, s, eta);
      for (int i = 0; i <= s; i++) {
        rounds.add(new Round((int) n, ladder().at(sMax - s + i)));
        n = Math.max(1, n / eta);
      }
      out.add(new Bracket(s, rounds));
    }
    return out;
  }

  @Override
  public String name() {
    return "hyperband";
  }
}
