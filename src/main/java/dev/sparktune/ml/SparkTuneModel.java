package dev.sparktune.ml;

import java.io.IOException;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@link SparkTune#fit} returns, read like CrossValidatorModel: the best configuration
 * refit on the whole input ({@link #bestModel()}, which {@link #transform} applies),
 * {@link #avgMetrics()} and {@link #stdMetrics()} over the folds, and the whole trial table
 * ({@link #trials()}). Saved and loaded on its own or inside a PipelineModel.
 */
public class SparkTuneModel extends Model<SparkTuneModel> implements MLWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Model<?> bestModel;
  private final double[] avgMetrics;
  private final double[] stdMetrics;
  private final transient Dataset<Row> trials;

  public SparkTuneModel(String uid, Model<?> bestModel, double[] avgMetrics, double[] stdMetrics, Dataset<Row> trials) {
    this.uid = uid;
    this.bestModel = bestModel;
    this.avgMetrics = avgMetrics.clone();
    this.stdMetrics = stdMetrics.clone();
    this.trials = trials;
  }

  /**
   * An empty model: Spark Connect's registry builds stages with {@code (String uid)} and lists
   * them with {@link java.util.ServiceLoader}, which needs the no-argument form. A real model
   * comes from fit or load.
   */
  public SparkTuneModel(String uid) {
    this(uid, null, new double[0], new double[0], null);
  }

  public SparkTuneModel() {
    this(Identifiable.randomUID("sparkTuneModel"));
  }

  @Override
  public String uid() {
    return uid;
  }

  public Model<?> bestModel() {
    return bestModel;
  }

  /** Each grid point's mean metric over the folds, in the order of estimatorParamMaps (as CrossValidatorModel). */
  public double[] avgMetrics() {
    return avgMetrics.clone();
  }

  /** Each point's standard deviation over the folds (sample, n - 1, as CrossValidatorModel). */
  public double[] stdMetrics() {
    return stdMetrics.clone();
  }

  /** One row per evaluation: number, state, config, rung, budget, params, fold_1 …, mean, std, fit_seconds, error. */
  public Dataset<Row> trials() {
    return trials;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    return bestModel.transform(dataset);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return bestModel.transformSchema(schema);
  }

  @Override
  public SparkTuneModel copy(ParamMap extra) {
    SparkTuneModel c = new SparkTuneModel(uid, (Model<?>) bestModel.copy(extra), avgMetrics, stdMetrics, trials);
    return copyValues(c, extra).setParent(parent());
  }

  @Override
  public MLWriter write() {
    return new Persistence.ModelWriter(this);
  }

  @Override
  public void save(String path) throws IOException {
    write().save(path);
  }

  public static MLReader<SparkTuneModel> read() {
    return new Persistence.ModelReader();
  }

  public static SparkTuneModel load(String path) {
    return read().load(path);
  }
}
