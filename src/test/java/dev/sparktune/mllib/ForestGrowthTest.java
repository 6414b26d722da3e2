package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ModelSettings;
import dev.sparktune.testing.SparkTestSession;
import dev.sparktune.trial.Budget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.RandomForestClassificationModel;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Growing a random forest along a numTrees budget, on one spambase fold. */
@Tag("spark")
class ForestGrowthTest {
  private static BuiltEstimator forest() {
    return EstimatorCatalog.build(new ModelSettings("random-forest-classifier", Map.of(), List.of()));
  }

  @Test
  void aPromotedForestKeepsItsTreesAndFitsOnlyTheMissingOnes() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, Task.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = forest();
      RandomForestClassifier rf = (RandomForestClassifier) built.estimator();
      ForestGrowth growth = ForestGrowth.forBudget(built, Budget.param("numTrees", 20, 20));
      assertNotNull(growth);
      List<ParamMap> fits = new ArrayList<>();
      var fitWith = (java.util.function.Function<ParamMap, Model<?>>) p -> {
        fits.add(p);
        return (Model<?>) rf.fit(folds.train(0), p);
      };
      ParamMap base = new ParamMap().put(rf.maxDepth(), 5);

      var four = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 4), fitWith);
      var twelve = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 12), fitWith);
      assertEquals(2, fits.size());
      assertEquals(8, fits.get(1).apply(rf.numTrees()), "the promotion fits only the 8 missing trees");
      assertNotEquals(rf.getSeed(), fits.get(1).apply(rf.seed()), "the new trees have a seed of their own");
      assertEquals(12, twelve.trees().length);
      assertEquals(12, twelve.getNumTrees());
      assertArrayEquals(four.trees(), Arrays.copyOf(twelve.trees(), 4), "the rung below's trees are kept");
      assertNotEquals(twelve.trees()[0].toDebugString(), twelve.trees()[4].toDebugString());

      // The grown forest is a working model with the estimator's columns: it scores like a forest.
      Metric auc = Metric.resolve("areaUnderROC", built, folds.numClasses());
      double grown = auc.evaluator().evaluate(twelve.transform(folds.validation(0)));
      assertTrue(grown > 0.95, "AUC of the grown forest " + grown);

      // Fewer trees than kept: the prefix, without a fit.
      var three = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 3), fitWith);
      assertEquals(2, fits.size());
      assertArrayEquals(Arrays.copyOf(twelve.trees(), 3), three.trees());

      // Another configuration or fold starts from scratch.
      growth.fit("d", 0, base.copy().put(rf.numTrees(), 2), fitWith);
      assertEquals(3, fits.size());
      assertEquals(2, fits.get(2).apply(rf.numTrees()));
      assertEquals(2, growth.kept());

      // The maximum budget grows too, but is not kept: nothing climbs past it.
      var top = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 20), fitWith);
      assertEquals(4, fits.size());
      assertEquals(8, fits.get(3).apply(rf.numTrees()));
      assertArrayEquals(twelve.trees(), Arrays.copyOf(top.trees(), 12));
      assertEquals(2, growth.kept());
    }
  }

  @Test
  void onlyARandomForestOnANumTreesBudgetGrows() {
    assertNull(ForestGrowth.forBudget(forest(), Budget.dataFraction(1.0, 1.0)));
    assertNull(ForestGrowth.forBudget(forest(), Budget.param("maxDepth", 8, 8)));
    BuiltEstimator gbt = EstimatorCatalog.build(new ModelSettings("gbt-classifier", Map.of(), List.of()));
    assertNull(ForestGrowth.forBudget(gbt, Budget.param("maxIter", 20, 20)));
  }
}
