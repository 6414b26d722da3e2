package dev.sparktune.testing;

import dev.sparktune.objective.Objective;
import dev.sparktune.space.Assignment;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Outcome;

/** Analytic objectives with known optima, for testing the core without Spark. */
public final class Objectives {
  private Objectives() {}

  /** Branin–Hoo on x1 in [-5, 10], x2 in [0, 15]; global minimum 0.397887. */
  public static final SearchSpace BRANIN_SPACE =
      SearchSpace.of(FloatParam.of("x1", -5, 10), FloatParam.of("x2", 0, 15));

  public static Objective branin() {
    return (a, ctx) -> Outcome.completed(branin(a));
  }

  public static double branin(Assignment a) {
    double x1 = (Double) a.get("x1");
    double x2 = (Double) a.get("x2");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  /** Sum of squares of every numeric value; minimum 0 at the origin. */
  public static Objective sphere() {
    return (a, ctx) -> {
      double s = 0;
      for (Object v : a.values().values()) {
        if (v instanceof Number n) s += n.doubleValue() * n.doubleValue();
      }
      return Outcome.completed(s);
    };
  }
}
