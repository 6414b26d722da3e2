package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.Settings;
import dev.sparktune.scheduler.Ladder;
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
    return EstimatorCatalog.build(new Settings.Model("random-forest-classifier", Map.of(), List.of()));
  }

  /** numTrees 4 → 12 → 36. */
  private static final Ladder LADDER = new Ladder(Budget.param("numTrees", 36, 36), 4, 3);

  /** A tree's splits and predictions, without the model uid that its first line names. */
  private static List<String> shapes(RandomForestClassificationModel f) {
    return Arrays.stream(f.trees()).map(t -> t.toDebugString().substring(t.toDebugString().indexOf('\n'))).toList();
  }

  @Test
  void aPromotedForestKeepsItsTreesAndFitsOnlyTheMissingOnes() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm"));
    try (Folds folds = Folds.create(data, LearningTask.CLASSIFICATION, 3, 5L, 0.2, 0)) {
      BuiltEstimator built = forest();
      RandomForestClassifier rf = (RandomForestClassifier) built.estimator();
      ForestGrowth growth = ForestGrowth.forLadder(built, LADDER);
      assertNotNull(growth);
      List<ParamMap> fits = new ArrayList<>();
      var fitWith = (java.util.function.Function<ParamMap, Model<?>>) p -> {
        fits.add(p);
        return (Model<?>) rf.fit(folds.train(0), p);
      };
      ParamMap base = new ParamMap().put(rf.maxDepth(), 5);

      var four = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 4), fitWith);
      assertEquals(rf.getSeed(), fits.get(0).apply(rf.seed()), "the bottom rung is a fresh fit with the seed");
      var twelve = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 12), fitWith);
      assertEquals(2, fits.size());
      assertEquals(8, fits.get(1).apply(rf.numTrees()), "the promotion fits only the 8 missing trees");
      assertEquals(rf.getSeed() + 4 * ForestGrowth.SEED_STEP, fits.get(1).apply(rf.seed()),
          "the new trees have a seed of their own, from where their block starts");
      assertEquals(12, twelve.trees().length);
      assertEquals(12, twelve.getNumTrees());
      assertArrayEquals(four.trees(), Arrays.copyOf(twelve.trees(), 4), "the rung below's trees are kept");
      assertNotEquals(twelve.trees()[0].toDebugString(), twelve.trees()[4].toDebugString());

      // The grown forest is a working model with the estimator's columns: it scores like a forest.
      Metric auc = Metric.resolve("areaUnderROC", built, folds.numClasses());
      double grown = auc.evaluator().evaluate(twelve.transform(folds.validation(0)));
      assertTrue(grown > 0.95, "AUC of the grown forest " + grown);

      // Fewer trees than kept: the prefix, without a fit.
      var prefix = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 4), fitWith);
      assertEquals(2, fits.size());
      assertArrayEquals(four.trees(), prefix.trees());

      // Another configuration or fold starts from scratch.
      growth.fit("d", 0, base.copy().put(rf.numTrees(), 4), fitWith);
      assertEquals(3, fits.size());
      assertEquals(4, fits.get(2).apply(rf.numTrees()));
      assertEquals(2, growth.kept());

      // The maximum budget grows too, but is not kept: nothing climbs past it.
      var top = (RandomForestClassificationModel) growth.fit("c", 0, base.copy().put(rf.numTrees(), 36), fitWith);
      assertEquals(4, fits.size());
      assertEquals(24, fits.get(3).apply(rf.numTrees()));
      assertArrayEquals(twelve.trees(), Arrays.copyOf(top.trees(), 12));
      assertEquals(2, growth.kept());

      // A driver that never saw the lower rungs (a resumed study, or a forest dropped from memory)
      // regrows the lower blocks with their own seeds: the same trees, the same score.
      ForestGrowth resumed = ForestGrowth.forLadder(built, LADDER);
      fits.clear();
      var regrown = (RandomForestClassificationModel) resumed.fit("c", 0, base.copy().put(rf.numTrees(), 36), fitWith);
      assertEquals(List.of(4, 8, 24), fits.stream().map(p -> (Integer) p.apply(rf.numTrees())).toList(), "block by block");
      assertEquals(shapes(top), shapes(regrown));
      assertEquals(auc.evaluator().evaluate(top.transform(folds.validation(0))),
          auc.evaluator().evaluate(regrown.transform(folds.validation(0))), "to the last digit");
      fits.clear();
      var regrownTwelve = (RandomForestClassificationModel) ForestGrowth.forLadder(built, LADDER)
          .fit("c", 0, base.copy().put(rf.numTrees(), 12), fitWith);
      assertEquals(2, fits.size());
      assertEquals(shapes(twelve), shapes(regrownTwelve));
      assertEquals(grown, auc.evaluator().evaluate(regrownTwelve.transform(folds.validation(0))));
    }
  }

  @Test
  void onlyARandomForestOnANumTreesBudgetGrows() {
    assertNull(ForestGrowth.forLadder(forest(), new Ladder(Budget.dataFraction(1.0, 1.0), 0.1, 3)));
    assertNull(ForestGrowth.forLadder(forest(), new Ladder(Budget.param("maxDepth", 8, 8), 1, 2)));
    BuiltEstimator gbt = EstimatorCatalog.build(new Settings.Model("gbt-classifier", Map.of(), List.of()));
    assertNull(ForestGrowth.forLadder(gbt, new Ladder(Budget.param("maxIter", 20, 20), 2, 3)));
  }
}
