package dev.sparktune.scheduler;

import dev.sparktune.trial.Budget;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The budgets of a multi-fidelity schedule, from the maximum R down by factors of η:
 * rung i has budget R·η^-(s_max - i), where s_max = ⌊log_η(R/r)⌋ and r is the minimum budget
 * (Li et al., "Hyperband", JMLR 2018). Budgets are derived from R downwards, as in the paper, so
 * the top rung is exactly the maximum and the bottom rung is the smallest one that is ≥ r; whole
 * kinds (param values, folds) are rounded.
 *
 * @param top the maximum budget; {@code Budget.full()} gives the one-rung ladder of fifo
 * @param min the minimum budget amount r
 * @param eta the reduction factor η
 */
public record Ladder(Budget top, double min, int eta) {
  public Ladder {
    Objects.requireNonNull(top, "top");
    if (eta < 2) throw new IllegalArgumentException("eta must be >= 2, got " + eta);
    if (!(min > 0) || min > top.amount()) {
      throw new IllegalArgumentException("min budget must be in (0, " + top.amount() + "], got " + min);
    }
  }

  /** A single full-budget rung. */
  public static Ladder full() {
    return new Ladder(Budget.full(), 1.0, 3);
  }

  /** s_max: the index of the top rung. */
  public int topRung() {
    int s = 0;
    // Integer steps rather than a floating log, so 81/3^4 = 1 gives s_max = 4 exactly.
    while (min * Math.pow(eta, s + 1) <= top.amount() * (1 + 1e-9)) s++;
    return s;
  }

  /** The budget of rung {@code i}, 0 = smallest. */
  public Budget at(int rung) {
    int s = topRung();
    if (rung < 0 || rung > s) throw new IllegalArgumentException("rung must be in [0, " + s + "], got " + rung);
    return rung == s ? top : top.withAmount(top.amount() / Math.pow(eta, s - rung));
  }

  public List<Budget> budgets() {
    List<Budget> all = new ArrayList<>();
    for (int i = 0; i <= topRung(); i++) all.add(at(i));
    return all;
  }
}
