package dev.sparktune.config;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.scheduler.Schedulers;
import dev.sparktune.space.Numbers;
import dev.sparktune.trial.Budget;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code sparktune.schedule}: the scheduler, what a budget is and its range, η, ASHA's
 * brackets and fold pruning. Each problem is one line naming its key, e.g.
 * {@code conf/x.conf:5: sparktune.schedule.budget.min: expected a number < budget.max (1.0), got 1.5}.
 */
final class ScheduleReader {
  private static final String P = "sparktune.schedule.";
  private static final List<String> KINDS = List.of("data-fraction", "param", "folds");

  private ScheduleReader() {}

  /** @param cvFolds the cross-validation folds, the most a folds budget can be */
  static Settings.Schedule read(ValueReader r, int cvFolds) {
    String type = r.oneOf(P + "type", List.copyOf(Schedulers.names()));
    String kindName = r.oneOf(P + "budget.kind", KINDS);
    Budget.Kind kind = switch (kindName) {
      case "param" -> Budget.Kind.PARAM;
      case "folds" -> Budget.Kind.FOLDS;
      default -> Budget.Kind.DATA_FRACTION;
    };
    int eta = r.intAtLeast(P + "eta", 2);
    int brackets = r.intAtLeast(P + "brackets", 1);
    boolean pruning = r.bool(P + "fold-pruning");
    boolean growForests = r.bool(P + "budget.grow-forests");
    boolean continueFits = r.bool(P + "budget.continue-fits");
    String param = r.string(P + "budget.param").trim();
    Optional<Double> min;
    Optional<Double> max;
    switch (kind) {
      case DATA_FRACTION -> {
        min = r.read(P + "budget.min", "a fraction in (0, 1]", v -> fraction(v));
        max = r.read(P + "budget.max", "a fraction in (0, 1]", v -> fraction(v));
      }
      case FOLDS -> {
        String folds = "a whole number of folds in [1, " + cvFolds + "] (cv.folds)";
        min = r.read(P + "budget.min", folds, v -> whole(v, cvFolds));
        max = r.read(P + "budget.max", folds, v -> whole(v, cvFolds));
      }
      default -> {
        min = r.read(P + "budget.min", "a whole number >= 1", v -> whole(v, Integer.MAX_VALUE));
        max = r.read(P + "budget.max", "a whole number >= 1", v -> whole(v, Integer.MAX_VALUE));
      }
    }
    if (kind == Budget.Kind.PARAM && param.isEmpty()) {
      // Reported where the kind was set: the kind is what made the param necessary.
      r.problems().expected(r.origin(P + "budget.kind"), P + "budget.param",
          "the integer MLlib param the budget sets (maxIter, numTrees) when budget.kind = param", "''");
    } else if (kind != Budget.Kind.PARAM && !param.isEmpty()) {
      r.problems().add(r.origin(P + "budget.param"), P + "budget.param",
          "only used with budget.kind = param, but kind is " + kindName);
    }
    if (min.isEmpty() || max.isEmpty() || type.equals("fifo")) {
      return new Settings.Schedule(type, kind, param, min.orElse(0.1), max.orElse(1.0), eta, brackets, pruning, growForests, continueFits);
    }
    double lo = min.get();
    double hi = max.get();
    if (lo >= hi) {
      r.problems().expected(r.origin(P + "budget.min"), P + "budget.min", "a number < budget.max (" + Numbers.significant(hi, 6) + ")", Numbers.significant(lo, 6));
    } else if (eta >= 2 && lo * eta > hi * (1 + 1e-9)) {
      // One rung only would be fifo at the smallest budget: surely not what was meant.
      r.problems().expected(r.origin(P + "budget.min"), P + "budget.min", "at most budget.max / eta = "
          + Numbers.significant(hi / eta, 6) + " so there are at least two rungs", Numbers.significant(lo, 6));
    } else if (eta >= 2) {
      int rungs = new Ladder(topOf(kind, param.isEmpty() ? "param" : param, hi), lo, eta).topRung() + 1;
      if (brackets > rungs) {
        r.problems().expected(r.origin(P + "brackets"), P + "brackets",
            "an integer in [1, " + rungs + "] (the rungs from budget.min to budget.max)", Integer.toString(brackets));
      }
    }
    return new Settings.Schedule(type, kind, param, lo, hi, eta, brackets, pruning, growForests, continueFits);
  }

  private static Budget topOf(Budget.Kind kind, String param, double max) {
    return switch (kind) {
      case PARAM -> Budget.param(param, Math.round(max), Math.round(max));
      case FOLDS -> Budget.folds((int) Math.round(max), (int) Math.round(max));
      default -> Budget.dataFraction(max, max);
    };
  }

  private static Optional<Double> fraction(com.typesafe.config.ConfigValue v) {
    var d = Scalars.number(v);
    return d.isPresent() && d.getAsDouble() > 0 && d.getAsDouble() <= 1 ? Optional.of(d.getAsDouble()) : Optional.empty();
  }

  private static Optional<Double> whole(com.typesafe.config.ConfigValue v, int most) {
    return Scalars.wholeNumber(v).filter(n -> n >= 1 && n <= most).map(Long::doubleValue);
  }
}
