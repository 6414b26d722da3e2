package dev.sparktune.testing;

import dev.sparktune.objective.TrialContext;
import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.util.List;

/**
 * Multi-fidelity versions of Branin for scheduler tests: the value at a budget is Branin plus an
 * error that shrinks as the budget grows (so low rungs rank roughly, the top rung exactly), and
 * an evaluation's duration grows with its budget and varies between configurations.
 */
public final class Curves {
  private Curves() {}

  /** Budget as a share of the maximum, in (0, 1]. */
  public static double share(Budget b) {
    return b.isFull() ? 1.0 : b.amount() / b.max();
  }

  /** A deterministic number in [0, 1) from a configuration. */
  public static double jitter(Assignment a) {
    long h = a.key().hashCode() * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Branin + 30·(1 - share)·jitter, to be minimised, with three folds around it. */
  public static Outcome branin(Trial t, TrialContext ctx) {
    double v = Objectives.branin(t.assignment()) + 30 * (1 - share(ctx.budget())) * jitter(t.assignment());
    return Outcome.Completed.ofFolds(List.of(v - 0.5, v, v + 0.5), 1.0);
  }

  /** {@link #branin} upside down, to be maximised: every fold's value negated. */
  public static Outcome braninUpsideDown(Trial t, TrialContext ctx) {
    double v = Objectives.branin(t.assignment()) + 30 * (1 - share(ctx.budget())) * jitter(t.assignment());
    return Outcome.Completed.ofFolds(List.of(-v + 0.5, -v, -v - 0.5), 1.0);
  }

  /** 10 s at the full budget, scaled by the budget, times 1 to 3 by configuration. */
  public static double seconds(Trial t) {
    return 10 * share(t.budget()) * (1 + 2 * jitter(t.assignment()));
  }
}
