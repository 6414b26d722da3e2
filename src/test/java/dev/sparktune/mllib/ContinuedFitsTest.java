package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Budget;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Continuing a logistic regression along a maxIter budget, on one spambase fold. */
@Tag("spark")
class ContinuedFitsTest {
  /** maxIter 4 → 12 → 36. */
  private static final Ladder LADDER = new Ladder(Budget.param("maxIter", 36, 36), 4, 3);

  private static BuiltEstimator build(String name) {
    return EstimatorCatalog.build(new Settings.Model(name, Map.of(), List.of()));
  }

  private static double[] history(LogisticRegressionModel m) {
    return m.summary().objectiveHistory();
  }

  @Test
  void aPromotedLogisticRegressionStartsFromItsLowerRungsModel() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = build("logistic-regression");
      LogisticRegression lr = (LogisticRegression) built.estimator();
      ContinuedFits continued = ContinuedFits.forLadder(built, LADDER);
      assertNotNull(continued);
      Dataset<Row> train = folds.train(0);
      // Tight tolerance and little regularisation: 4 and 12 iterations are not enough to converge.
      ParamMap base = new ParamMap().put(lr.regParam(), 1e-4).put(lr.tol(), 1e-12);

      var four = (LogisticRegressionModel) continued.fit("c", 0, base.copy().put(lr.maxIter(), 4), train);
      assertEquals(1, continued.fits());
      assertEquals(4, four.summary().totalIterations(), "4 iterations do not converge here");
      var twelve = (LogisticRegressionModel) continued.fit("c", 0, base.copy().put(lr.maxIter(), 12), train);
      assertEquals(2, continued.fits());
      assertEquals(8, twelve.summary().totalIterations(), "only the 8 missing iterations run");
      double[] h4 = history(four);
      double[] h12 = history(twelve);
      // The continued fit's first objective is the 4-iteration model's last: it started there, not from zero.
      assertEquals(h4[h4.length - 1], h12[0], 1e-9 * Math.abs(h12[0]));
      var fresh = (LogisticRegressionModel) lr.fit(train, base.copy().put(lr.maxIter(), 12));
      assertTrue(history(fresh)[0] > h12[0] + 1e-3, "a fresh fit starts higher: " + history(fresh)[0] + " vs " + h12[0]);
      assertTrue(h12[h12.length - 1] < h4[h4.length - 1], "the continued fit improved on the rung below");

      // Another configuration or fold starts from zero; the maximum budget is not kept.
      continued.fit("c", 1, base.copy().put(lr.maxIter(), 4), folds.train(1));
      assertEquals(3, continued.fits());
      assertEquals(2, continued.kept());
      continued.fit("c", 0, base.copy().put(lr.maxIter(), 36), train);
      assertEquals(4, continued.fits());
      assertEquals(2, continued.kept());
    }
  }

  @Test
  void aConvergedFitIsReusedAndIsWhatAFreshFitWouldGive() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = build("logistic-regression");
      LogisticRegression lr = (LogisticRegression) built.estimator();
      ContinuedFits continued = ContinuedFits.forLadder(built, LADDER);
      Dataset<Row> train = folds.train(0);
      // Strong regularisation and a loose tolerance: converged well within 12 iterations.
      ParamMap base = new ParamMap().put(lr.regParam(), 0.5).put(lr.tol(), 1e-3);
      var twelve = (LogisticRegressionModel) continued.fit("c", 0, base.copy().put(lr.maxIter(), 12), train);
      assertTrue(twelve.summary().totalIterations() < 12, "converged: " + twelve.summary().totalIterations());
      var top = (LogisticRegressionModel) continued.fit("c", 0, base.copy().put(lr.maxIter(), 36), train);
      assertSame(twelve, top, "no fit: the converged model is the answer at 36 iterations too");
      assertEquals(1, continued.fits());
      assertEquals(1, continued.reused());
      var fresh = (LogisticRegressionModel) lr.fit(train, base.copy().put(lr.maxIter(), 36));
      assertEquals(twelve.summary().totalIterations(), fresh.summary().totalIterations());
      assertArrayEquals(fresh.coefficients().toArray(), top.coefficients().toArray(), 1e-9);
      assertEquals(fresh.intercept(), top.intercept(), 1e-9);
    }
  }

  @Test
  void aPromotedPerceptronStartsFromItsLowerRungsWeights() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = EstimatorCatalog.build(new Settings.Model("mlp-classifier", Map.of("layers", "57,8,2"),
          List.of()));
      var mlp = (org.apache.spark.ml.classification.MultilayerPerceptronClassifier) built.estimator();
      ContinuedFits continued = ContinuedFits.forLadder(built, LADDER);
      assertNotNull(continued);
      Dataset<Row> train = folds.train(0);
      ParamMap base = new ParamMap().put(mlp.tol(), 1e-12);
      var four = (org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel)
          continued.fit("c", 0, base.copy().put(mlp.maxIter(), 4), train);
      var twelve = (org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel)
          continued.fit("c", 0, base.copy().put(mlp.maxIter(), 12), train);
      assertEquals(2, continued.fits());
      double[] h4 = four.summary().objectiveHistory();
      double[] h12 = twelve.summary().objectiveHistory();
      // Started from the 4-iteration weights: its first loss is the rung below's last, not a random start's.
      assertEquals(h4[h4.length - 1], h12[0], 1e-6 * Math.abs(h12[0]));
      assertTrue(h12[h12.length - 1] < h4[h4.length - 1], "the continued fit improved on the rung below");
    }
  }

  @Test
  void onlyALogisticRegressionOrPerceptronOnAMaxIterBudgetContinues() {
    BuiltEstimator lr = build("logistic-regression");
    assertNull(ContinuedFits.forLadder(lr, new Ladder(Budget.dataFraction(1.0, 1.0), 0.1, 3)));
    assertNull(ContinuedFits.forLadder(lr, new Ladder(Budget.param("aggregationDepth", 8, 8), 2, 2)));
    // No starting point in MLlib: these refit.
    assertNull(ContinuedFits.forLadder(build("linear-regression"), LADDER));
    assertNull(ContinuedFits.forLadder(build("linear-svc"), LADDER));
    assertNull(ContinuedFits.forLadder(build("gbt-classifier"), LADDER));
  }
}
