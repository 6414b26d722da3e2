package dev.sparktune.mllib;

import dev.sparktune.config.ConfigError;
import dev.sparktune.trial.Budget;
import org.apache.spark.ml.param.ParamMap;

/**
 * What a {@link Budget} means for one MLlib fit: which rows it trains on, which folds it
 * evaluates, and which integer param it overrides. The scheduler only speaks of amounts; this is
 * the one place that turns them into data and params.
 */
final class BudgetApplier {
  static final String PARAM_KEY = "sparktune.schedule.budget.param";

  private final BuiltEstimator model;

  BudgetApplier(BuiltEstimator model) {
    this.model = model;
  }

  /**
   * Checks, before any trial, that a PARAM budget names an integer param of the estimator (or
   * {@code stage.param} of a pipeline) and that its minimum and maximum pass the param's own
   * validator.
   *
   * @throws ConfigError naming {@value #PARAM_KEY}
   */
  void check(Budget budget) {
    if (budget.kind() != Budget.Kind.PARAM) return;
    ParamBinder.Target t = ParamBinder.resolve(model, budget.param(), PARAM_KEY);
    Class<?> type = ParamValues.typeOf(t.owner(), t.param());
    if (type != Integer.class && type != Long.class) {
      throw new ConfigError(PARAM_KEY + ": " + ParamBinder.describe(t) + " is not an integer param (it takes "
          + ParamValues.typeName(type) + "); a param budget grows an integer such as maxIter or numTrees");
    }
    ParamBinder.coerce(t, budget.whole(), PARAM_KEY);
    ParamBinder.coerce(t, Math.round(budget.max()), PARAM_KEY);
  }

  /** {@code params} with the budget's param set (PARAM budgets); others leave them as they are. */
  ParamMap apply(ParamMap params, Budget budget) {
    if (budget.kind() != Budget.Kind.PARAM) return params;
    ParamBinder.Target t = ParamBinder.resolve(model, budget.param(), PARAM_KEY);
    ParamMap copy = params.copy();
    copy.put(t.param(), ParamBinder.coerce(t, budget.whole(), PARAM_KEY));
    return copy;
  }

  /** The fraction of each training fold the budget trains on. */
  static double fraction(Budget budget) {
    return budget.kind() == Budget.Kind.DATA_FRACTION ? budget.amount() : 1.0;
  }

  /** How many folds (0 .. n-1) the budget evaluates, of {@code k}. */
  static int foldsToRun(Budget budget, int k) {
    return budget.kind() == Budget.Kind.FOLDS ? (int) Math.min(k, budget.whole()) : k;
  }
}
