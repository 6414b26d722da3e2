package dev.sparktune.mllib;

import dev.sparktune.space.Assignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A warm-started grid (glmnet's trick along a regularization path): a logistic regression
 * configuration starts each fold's fit from the finished model, on the same fold, of the nearest
 * configuration already fitted, instead of from zero. Neighbouring points of a grid have nearby
 * optima, so the optimizer needs fewer iterations to converge; the optimum is the same, so a
 * point's score moves only by the optimizer's tolerance.
 *
 * <p>Opt-in only: where it starts decides how many iterations a fit runs and where, within its
 * tolerance, it stops, so a warm-started point does not score exactly as CrossValidator scores it
 * (the default grid does). Nearest means: the same values of every non-numeric param, and the
 * smallest sum over numeric params of |log a − log b| (|a − b| where a value is not positive);
 * among equals, the one with the larger regularization, since a path is followed from the sparse
 * end. What finished first depends on the order trials complete, so with several trials in
 * flight the starts, and the last digits of the scores, can differ from run to run.
 *
 * <p>Uses {@code LogisticRegression.setInitialModel} ({@code private[spark]} in Scala, public in
 * the bytecode on Spark 3.5, 4.0 and 4.1); other estimators are not warm-started (see
 * {@link #forEstimator}).
 */
final class WarmGrid {
  private record Finished(Assignment assignment, Model<?> model) {}

  private final LogisticRegression estimator;
  private final Map<Integer, List<Finished>> byFold = new ConcurrentHashMap<>();
  private int warm;
  private int cold;

  private WarmGrid(LogisticRegression estimator) {
    this.estimator = estimator;
  }

  /** A warm-started grid for a bare logistic regression; else null (every fit starts from zero). */
  static WarmGrid forEstimator(BuiltEstimator model) {
    return model.estimator() instanceof LogisticRegression lr ? new WarmGrid(lr) : null;
  }

  /** Fits {@code assignment}'s fold model, from its nearest finished neighbour's on the fold if there is one. */
  Model<?> fit(Assignment assignment, int fold, ParamMap params, Dataset<Row> train) {
    Model<?> start = nearest(assignment, fold);
    Model<?> m;
    if (start == null) {
      m = (Model<?>) estimator.fit(train, params);
    } else {
      // setInitialModel does not survive copy(): copy with the params first, then start it.
      LogisticRegression e = estimator.copy(params);
      e.setInitialModel((LogisticRegressionModel) start);
      m = e.fit(train);
    }
    List<Finished> done = byFold.computeIfAbsent(fold, f -> new ArrayList<>());
    synchronized (this) {
      done.add(new Finished(assignment, m));
      if (start == null) cold++;
      else warm++;
    }
    return m;
  }

  private synchronized Model<?> nearest(Assignment a, int fold) {
    Finished best = null;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (Finished f : byFold.getOrDefault(fold, List.of())) {
      double d = distance(a, f.assignment);
      if (d < bestDistance || d == bestDistance && best != null && reg(f.assignment) > reg(best.assignment)) {
        best = f;
        bestDistance = d;
      }
    }
    return best == null ? null : best.model;
  }

  /** Distance between two configurations; infinite when a non-numeric value differs. */
  static double distance(Assignment a, Assignment b) {
    double d = 0;
    for (var e : a.values().entrySet()) {
      Object x = e.getValue();
      Object y = b.get(e.getKey());
      if (x instanceof Number nx && y instanceof Number ny) {
        double u = nx.doubleValue();
        double v = ny.doubleValue();
        d += u > 0 && v > 0 ? Math.abs(Math.log(u) - Math.log(v)) : Math.abs(u - v);
      } else if (!String.valueOf(x).equals(String.valueOf(y))) {
        return Double.POSITIVE_INFINITY;
      }
    }
    return d;
  }

  private static double reg(Assignment a) {
    return a.get("regParam") instanceof Number n ? n.doubleValue() : 0;
  }

  /** {fits started from a neighbour, fits started from zero}; for tests and the benchmark. */
  synchronized int[] starts() {
    return new int[] {warm, cold};
  }
}
