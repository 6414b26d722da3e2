package dev.sparktune.mllib;

import dev.sparktune.scheduler.Ladder;
import dev.sparktune.trial.Budget;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Promotes an iterative model along a {@code maxIter} budget by continuing its fit instead of
 * refitting from zero: the n-iteration model of a promoted trial starts from its k-iteration
 * model of the rung below and runs n - k more iterations.
 *
 * <p>What MLlib allows, on every Spark line sparktune builds for (3.5, 4.0, 4.1): a
 * {@code LogisticRegression} takes an initial model through {@code setInitialModel}, which is
 * {@code private[spark]} in Scala but public in the bytecode, so Java calls it (it does not
 * survive {@code copy}, hence the copy first, then the initial model, then the fit); a
 * {@code MultilayerPerceptronClassifier} takes {@code initialWeights}, a public param. Linear
 * regression (normal equations or L-BFGS), linear SVC, factorization machines and generalized
 * linear regression take no starting point on any of these lines, so their promoted trials refit
 * (this class is not used for them), as do estimators inside a pipeline.
 *
 * <p>A fit that stopped before its {@code maxIter} converged: L-BFGS is deterministic, so a fresh
 * fit with more iterations would stop at the same point with the same coefficients, and the kept
 * model is reused at every higher budget without fitting anything. A fit that ran out of
 * iterations continues, but its optimizer restarts without the curvature history it had built,
 * so the continued model is not the one a fresh n-iteration fit reaches: close to it once both
 * near the optimum, different while they are still far (a low {@code maxIter} rung). Scores at
 * the top budget then differ from CrossValidator's by the optimizer's own tolerance, not by
 * more, where the fits converge; {@code schedule.budget.continue-fits = false} refits instead.
 * A kept model lost with the driver (a resumed study) is refitted from zero.
 *
 * <p>Models are kept per (configuration, fold), the least recently used dropped beyond
 * {@value #MAX_KEPT}; a linear model's coefficients are small.
 */
final class ContinuedFits {
  static final int MAX_KEPT = 4096;

  /** A kept fit: its model, the iterations it stands for, and whether its optimizer converged. */
  private record Kept(Model<?> model, int iterations, boolean converged) {}

  private record Key(String configuration, int fold) {}

  private final Map<Key, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
  private final org.apache.spark.ml.Estimator<?> estimator;
  private final IntParam maxIter;
  private final int top;
  private int fits;
  private int reused;

  private ContinuedFits(org.apache.spark.ml.Estimator<?> estimator, IntParam maxIter, int top) {
    this.estimator = estimator;
    this.maxIter = maxIter;
    this.top = top;
  }

  /**
   * Continued fits for this estimator along the ladder: a bare logistic regression or
   * multilayer perceptron budgeted by {@code maxIter}; else null (promoted trials refit).
   */
  static ContinuedFits forLadder(BuiltEstimator model, Ladder ladder) {
    Budget budget = ladder.top();
    if (budget.kind() != Budget.Kind.PARAM || !budget.param().equals("maxIter")) return null;
    int top = (int) budget.whole();
    if (model.estimator() instanceof LogisticRegression lr) return new ContinuedFits(lr, lr.maxIter(), top);
    if (model.estimator() instanceof MultilayerPerceptronClassifier mlp) return new ContinuedFits(mlp, mlp.maxIter(), top);
    return null;
  }

  /**
   * The fold model of {@code configuration} with {@code params}' maxIter: the kept model if it
   * converged, else the kept model continued for the missing iterations, else a fresh fit.
   */
  Model<?> fit(String configuration, int fold, ParamMap params, Dataset<Row> train) {
    int want = (Integer) params.apply(maxIter);
    Key key = new Key(configuration, fold);
    Kept have;
    synchronized (this) {
      have = kept.get(key);
    }
    Kept result;
    if (have != null && (have.converged || have.iterations == want)) {
      result = have;
      synchronized (this) {
        reused++;
      }
    } else if (have != null && have.iterations < want) {
      int more = want - have.iterations;
      Model<?> m = fitFrom(have.model, params.copy().put(maxIter, more), train);
      result = new Kept(m, want, iterations(m) < more);
    } else {
      Model<?> m = fitFrom(null, params, train);
      result = new Kept(m, want, iterations(m) < want);
    }
    // Nothing climbs past the maximum: its models would only take memory.
    if (want < top && result != have) keep(key, result);
    return result.model;
  }

  private Model<?> fitFrom(Model<?> start, ParamMap params, Dataset<Row> train) {
    synchronized (this) {
      fits++;
    }
    if (start == null) return (Model<?>) estimator.fit(train, params);
    if (estimator instanceof LogisticRegression lr) {
      // setInitialModel does not survive copy(): copy with the params first, then start it.
      LogisticRegression e = lr.copy(params);
      e.setInitialModel((LogisticRegressionModel) start);
      return e.fit(train);
    }
    MultilayerPerceptronClassifier mlp = (MultilayerPerceptronClassifier) estimator;
    ParamMap p = params.copy().put(mlp.initialWeights(), ((MultilayerPerceptronClassificationModel) start).weights());
    return mlp.fit(train, p);
  }

  /** Iterations the optimizer ran, from the training summary; maxIter's worth when there is none. */
  private static int iterations(Model<?> m) {
    if (m instanceof LogisticRegressionModel lr && lr.hasSummary()) return lr.summary().totalIterations();
    if (m instanceof MultilayerPerceptronClassificationModel mlp && mlp.hasSummary()) {
      return mlp.summary().totalIterations();
    }
    return Integer.MAX_VALUE;
  }

  private synchronized void keep(Key key, Kept k) {
    kept.put(key, k);
    var it = kept.entrySet().iterator();
    while (kept.size() > MAX_KEPT && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Fits run (fresh or continued); for tests and the benchmark. */
  synchronized int fits() {
    return fits;
  }

  /** Promotions answered by a converged kept model without fitting; for tests and the benchmark. */
  synchronized int reused() {
    return reused;
  }

  /** Models kept; for tests. */
  synchronized int kept() {
    return kept.size();
  }
}
