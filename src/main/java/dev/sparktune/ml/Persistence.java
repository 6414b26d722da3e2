package dev.sparktune.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.SparkSession;

/**
 * Save and load of {@link SparkTune} and {@link SparkTuneModel} in Spark ML's layout: a
 * {@code metadata/} of the class, uid and plain params (Spark's DefaultParamsWriter, so
 * {@code PipelineModel.load} finds the class and calls its static {@code read()}), and the
 * parts that are not plain values in folders beside it, each saved by its own writer:
 * {@code estimator/}, {@code evaluator/} and {@code estimatorParamMaps.json} (each param as its
 * owner's uid, its name and its own {@code jsonEncode}, resolved against the loaded estimator's
 * stages), or {@code bestModel/}, {@code metrics.json} and {@code trials/} (parquet). Only
 * the SparkContext forms of Spark's readers and writers are used: the Spark 3.5 lines have no others.
 */
final class Persistence {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Persistence() {}

  static final class TunerWriter extends MLWriter {
    private final SparkTune tuner;

    TunerWriter(SparkTune tuner) {
      this.tuner = tuner;
    }

    @Override
    public void saveImpl(String path) {
      // The metadata holds only plain params: jsonEncode of an estimator or a ParamMap[] throws.
      SparkTune plain = new SparkTune(tuner.uid());
      for (Param<?> p : tuner.plainParams()) {
        if (tuner.isSet(p)) copy(tuner, plain, p);
      }
      DefaultParamsWriter.saveMetadata(plain, path, sc(), scala.Option.empty(), scala.Option.empty());
      if (tuner.isDefined(tuner.estimator())) saveTo(writable("estimator", tuner.getEstimator()), path + "/estimator");
      if (tuner.isDefined(tuner.evaluator())) saveTo(writable("evaluator", tuner.getEvaluator()), path + "/evaluator");
      if (tuner.isDefined(tuner.estimatorParamMaps())) {
        ArrayNode maps = JSON.createArrayNode();
        for (ParamMap m : tuner.getEstimatorParamMaps()) {
          ArrayNode pairs = maps.addArray();
          scala.collection.Iterator<ParamPair<?>> it = m.toSeq().iterator();
          while (it.hasNext()) {
            @SuppressWarnings("unchecked")
            ParamPair<Object> pp = (ParamPair<Object>) it.next();
            ObjectNode o = pairs.addObject();
            o.put("parent", pp.param().parent());
            o.put("name", pp.param().name());
            o.put("value", pp.param().jsonEncode(pp.value()));
          }
        }
        writeText(sparkSession(), path + "/estimatorParamMaps.json", maps.toString());
      }
    }

    @SuppressWarnings("unchecked")
    private static void copy(Params from, Params to, Param<?> p) {
      to.set((Param<Object>) to.getParam(p.name()), from.getOrDefault(p));
    }
  }

  static final class TunerReader extends MLReader<SparkTune> {
    @Override
    public SparkTune load(String path) {
      SparkSession spark = sparkSession();
      DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, spark.sparkContext(), SparkTune.class.getName());
      SparkTune t = new SparkTune(meta.uid());
      meta.getAndSetParams(t, scala.Option.empty());
      if (exists(spark, path + "/estimator")) {
        t.setEstimator(DefaultParamsReader.<Estimator<?>>loadParamsInstance(path + "/estimator", spark.sparkContext()));
      }
      if (exists(spark, path + "/evaluator")) {
        t.setEvaluator(DefaultParamsReader.<Evaluator>loadParamsInstance(path + "/evaluator", spark.sparkContext()));
      }
      if (exists(spark, path + "/estimatorParamMaps.json")) {
        Map<String, Params> owners = new HashMap<>();
        if (t.isDefined(t.estimator())) {
          owners.put(t.getEstimator().uid(), t.getEstimator());
          if (t.getEstimator() instanceof Pipeline p) {
            for (PipelineStage s : p.getStages()) owners.put(s.uid(), s);
          }
        }
        try {
          List<ParamMap> maps = new ArrayList<>();
          for (JsonNode m : JSON.readTree(readText(spark, path + "/estimatorParamMaps.json"))) {
            ParamMap map = new ParamMap();
            for (JsonNode pair : m) {
              Params owner = owners.get(pair.get("parent").asText());
              if (owner == null) {
                throw new IllegalArgumentException(path + "/estimatorParamMaps.json: param '" + pair.get("name").asText()
                    + "' belongs to stage '" + pair.get("parent").asText() + "', which the saved estimator does not have");
              }
              @SuppressWarnings("unchecked")
              Param<Object> param = (Param<Object>) owner.getParam(pair.get("name").asText());
              map.put(param, param.jsonDecode(pair.get("value").asText()));
            }
            maps.add(map);
          }
          t.setEstimatorParamMaps(maps.toArray(ParamMap[]::new));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return t;
    }
  }

  static final class ModelWriter extends MLWriter {
    private final SparkTuneModel model;

    ModelWriter(SparkTuneModel model) {
      this.model = model;
    }

    @Override
    public void saveImpl(String path) {
      DefaultParamsWriter.saveMetadata(model, path, sc(), scala.Option.empty(), scala.Option.empty());
      saveTo(writable("bestModel", model.bestModel()), path + "/bestModel");
      ObjectNode metrics = JSON.createObjectNode();
      ArrayNode avg = metrics.putArray("avgMetrics");
      ArrayNode std = metrics.putArray("stdMetrics");
      // As text: JSON has no NaN, and a grid point that failed has NaN metrics.
      for (double v : model.avgMetrics()) avg.add(Double.toString(v));
      for (double v : model.stdMetrics()) std.add(Double.toString(v));
      writeText(sparkSession(), path + "/metrics.json", metrics.toString());
      if (model.trials() != null) model.trials().write().parquet(path + "/trials");
    }
  }

  static final class ModelReader extends MLReader<SparkTuneModel> {
    @Override
    public SparkTuneModel load(String path) {
      SparkSession spark = sparkSession();
      DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, spark.sparkContext(), SparkTuneModel.class.getName());
      Model<?> best = DefaultParamsReader.loadParamsInstance(path + "/bestModel", spark.sparkContext());
      try {
        JsonNode metrics = JSON.readTree(readText(spark, path + "/metrics.json"));
        double[] avg = doubles(metrics.get("avgMetrics"));
        double[] std = doubles(metrics.get("stdMetrics"));
        var trials = exists(spark, path + "/trials") ? spark.read().parquet(path + "/trials") : null;
        SparkTuneModel m = new SparkTuneModel(meta.uid(), best, avg, std, trials);
        meta.getAndSetParams(m, scala.Option.empty());
        return m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static double[] doubles(JsonNode a) {
      double[] out = new double[a.size()];
      for (int i = 0; i < out.length; i++) out[i] = Double.parseDouble(a.get(i).asText());
      return out;
    }
  }

  private static MLWriter writable(String what, Object o) {
    if (o instanceof MLWritable w) return w.write();
    throw new UnsupportedOperationException(what + ": " + o.getClass().getName() + " is not MLWritable, so it cannot "
        + "be saved");
  }

  private static void saveTo(MLWriter w, String path) {
    try {
      w.save(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeText(SparkSession spark, String file, String text) {
    try {
      Path p = new Path(file);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (FSDataOutputStream out = fs.create(p, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readText(SparkSession spark, String file) throws IOException {
    Path p = new Path(file);
    FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
    try (var in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static boolean exists(SparkSession spark, String file) {
    try {
      Path p = new Path(file);
      return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
