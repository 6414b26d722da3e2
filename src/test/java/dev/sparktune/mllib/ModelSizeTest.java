package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.DecisionTreeClassificationModel;
import org.apache.spark.ml.classification.DecisionTreeClassifier;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The model-size measure against each family's own count. */
@Tag("spark")
class ModelSizeTest {
  private static Dataset<Row> data;

  @BeforeAll
  static void read() {
    SparkSession spark = SparkTestSession.get();
    data = spark.read().format("libsvm").load(SparkTestSession.data("spambase/spambase.libsvm")).cache();
  }

  @Test
  void treesCountTheirNodes() {
    DecisionTreeClassificationModel tree = new DecisionTreeClassifier().setMaxDepth(4).fit(data);
    assertEquals(tree.numNodes(), ModelSize.of(tree));
    GBTClassificationModel gbt = new GBTClassifier().setMaxIter(3).setMaxDepth(2).fit(data);
    assertEquals(gbt.totalNumNodes(), ModelSize.of(gbt));
  }

  @Test
  void linearModelsCountNonZeroCoefficientsAndTheIntercept() {
    // An L1 penalty zeroes coefficients: the size is what is left.
    LogisticRegressionModel lr = new LogisticRegression().setMaxIter(20).setRegParam(0.05).setElasticNetParam(1)
        .fit(data);
    double nonZero = lr.coefficients().numNonzeros() + (lr.intercept() != 0 ? 1 : 0);
    assertEquals(nonZero, ModelSize.of(lr));
    assertTrue(nonZero < lr.coefficients().size(), "the penalty left " + nonZero + " of " + lr.coefficients().size());
  }

  @Test
  void aPipelineSumsItsStagesAndAStageWithoutASizeAddsNothing() {
    PipelineModel p = new Pipeline().setStages(new PipelineStage[] {
        new StandardScaler().setInputCol("features").setOutputCol("scaled"),
        new DecisionTreeClassifier().setFeaturesCol("scaled").setMaxDepth(3)}).fit(data);
    assertEquals(((DecisionTreeClassificationModel) p.stages()[1]).numNodes(), ModelSize.of(p));
    assertTrue(Double.isNaN(ModelSize.of(p.stages()[0])));
  }
}
