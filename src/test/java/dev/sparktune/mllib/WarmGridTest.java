package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.space.Assignment;
import dev.sparktune.testing.SparkTestSession;
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

/** The warm-started grid: neighbours start from each other's solution. */
class WarmGridTest {
  private static BuiltEstimator build(String name) {
    return EstimatorCatalog.build(new Settings.Model(name, Map.of(), List.of()));
  }

  private static Assignment point(double reg, double en) {
    return Assignment.of(Map.of("regParam", reg, "elasticNetParam", en));
  }

  @Test
  void nearestIsByLogDistanceAndNeverAcrossCategories() {
    assertEquals(Math.log(10), WarmGrid.distance(point(0.01, 0.5), point(0.1, 0.5)), 1e-12);
    assertEquals(0.5, WarmGrid.distance(point(0.01, 0.0), point(0.01, 0.5)), 1e-12, "zero: plain difference");
    assertEquals(Double.POSITIVE_INFINITY, WarmGrid.distance(Assignment.of(Map.of("regParam", 0.1, "family", "auto")),
        Assignment.of(Map.of("regParam", 0.1, "family", "binomial"))));
    assertNull(WarmGrid.forEstimator(build("linear-regression")));
    assertNull(WarmGrid.forEstimator(build("gbt-classifier")));
  }

  @Tag("spark")
  @Test
  void aNeighboursSolutionIsTheStartAndTheOptimumIsTheSame() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = build("logistic-regression");
      LogisticRegression lr = (LogisticRegression) built.estimator();
      WarmGrid warm = WarmGrid.forEstimator(built);
      Dataset<Row> train = folds.train(0);
      ParamMap at01 = new ParamMap().put(lr.regParam(), 0.1).put(lr.elasticNetParam(), 0.0).put(lr.maxIter(), 100);
      ParamMap at003 = new ParamMap().put(lr.regParam(), 0.03).put(lr.elasticNetParam(), 0.0).put(lr.maxIter(), 100);
      warm.fit(point(0.1, 0.0), 0, at01, train);
      assertArrayEquals(new int[] {0, 1}, warm.starts(), "the first point of a fold starts from zero");
      var started = (LogisticRegressionModel) warm.fit(point(0.03, 0.0), 0, at003, train);
      assertArrayEquals(new int[] {1, 1}, warm.starts(), "its neighbour starts from its solution");
      var cold = (LogisticRegressionModel) lr.fit(train, at003);
      assertTrue(started.summary().totalIterations() < cold.summary().totalIterations(),
          "fewer iterations from the neighbour: " + started.summary().totalIterations() + " vs "
              + cold.summary().totalIterations());
      Metric auc = Metric.resolve("areaUnderROC", built, folds.numClasses());
      double a = auc.evaluator().evaluate(started.transform(folds.validation(0)));
      double b = auc.evaluator().evaluate(cold.transform(folds.validation(0)));
      assertEquals(b, a, 1e-4, "the same optimum, within the optimizer's tolerance");
      // Another fold has no finished neighbour yet.
      warm.fit(point(0.03, 0.0), 1, at003, folds.train(1));
      assertArrayEquals(new int[] {1, 2}, warm.starts());
    }
  }
}
