import dev.sparktune.ml.SparkTune;
import dev.sparktune.ml.SparkTuneModel;
import java.util.Arrays;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** CrossValidator code with one line changed, then the same pipeline searched by TPE. Args: data file, output dir. */
public class CrossValidatorToSparkTune {
  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder().appName("sparktune example").getOrCreate();
    Dataset<Row> data = spark.read().format("libsvm").load(args[0]);
    StandardScaler scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled");
    LogisticRegression lr = new LogisticRegression("lr").setFeaturesCol("scaled").setMaxIter(20);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {scaler, lr});
    ParamMap[] grid = new ParamGridBuilder().addGrid(lr.regParam(), new double[] {0.001, 0.01, 0.1}).build();

    SparkTune tuner = new SparkTune()                      // was: new CrossValidator()
        .setEstimator(pipeline).setEvaluator(new BinaryClassificationEvaluator())
        .setEstimatorParamMaps(grid).setNumFolds(3).setSeed(7).setParallelism(0);
    SparkTuneModel model = tuner.fit(data);
    System.out.println("grid avgMetrics " + Arrays.toString(model.avgMetrics()));
    model.write().overwrite().save(args[1] + "/grid-model");
    System.out.println("reloaded avgMetrics " + Arrays.toString(SparkTuneModel.load(args[1] + "/grid-model").avgMetrics()));

    // A search instead of a grid: the CLI's space and search settings, journaled in outputDir.
    SparkTuneModel searched = new SparkTune().setEstimator(pipeline).setEvaluator(new BinaryClassificationEvaluator())
        .setSpace("lr { regParam { type = float, low = 1e-4, high = 1, log = true } }")
        .setSettings("search { sampler = tpe }").setTrials(6).setOutputDir(args[1] + "/study")
        .fit(data);
    for (Row r : searched.trials().select("number", "state", "`lr.regParam`", "mean").collectAsList()) {
      System.out.println("trial " + r);
    }
  }
}
