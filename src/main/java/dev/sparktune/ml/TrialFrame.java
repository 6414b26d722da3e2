package dev.sparktune.ml;

import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import dev.sparktune.space.IntParam;
import dev.sparktune.space.Param;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The trial table (the CLI's trials.csv) as a DataFrame: one row per evaluation with its number,
 * state, configuration id, rung, budget, each param (double for float ranges, long for int
 * ranges, string for choices), each fold's metric ({@code fold_1} …), mean, std, fit seconds,
 * and the error or prune reason.
 */
final class TrialFrame {
  private TrialFrame() {}

  static Dataset<Row> of(SparkSession spark, SearchSpace space, int k, List<Trial> trials) {
    List<StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("number", DataTypes.IntegerType, false),
        DataTypes.createStructField("state", DataTypes.StringType, false),
        DataTypes.createStructField("config", DataTypes.IntegerType, false),
        DataTypes.createStructField("rung", DataTypes.IntegerType, false),
        DataTypes.createStructField("budget", DataTypes.StringType, false)));
    for (Param p : space.params()) fields.add(DataTypes.createStructField(p.name(), type(p), true));
    for (int f = 1; f <= k; f++) fields.add(DataTypes.createStructField("fold_" + f, DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("mean", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("std", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("fit_seconds", DataTypes.DoubleType, true));
    fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
    List<Row> rows = new ArrayList<>();
    for (Trial t : trials) {
      List<Object> v = new ArrayList<>(List.of(t.number(), t.state().name(), t.configId(), t.rung(), t.budget().label()));
      for (Param p : space.params()) v.add(value(p, t.assignment().get(p.name())));
      Map<Integer, Double> folds = new TreeMap<>();
      Double mean = null;
      Double std = null;
      Double fit = null;
      String error = null;
      Outcome o = t.outcome().orElse(null);
      if (o instanceof Outcome.Completed c) {
        folds.putAll(c.foldMap());
        mean = c.value();
        std = c.std();
        fit = c.fitSeconds();
      } else if (o instanceof Outcome.Pruned pr) {
        folds.putAll(pr.folds());
        error = pr.reason();
      } else if (o instanceof Outcome.Failed f) {
        error = f.error();
      } else if (o instanceof Outcome.TimedOut to) {
        error = to.reason();
      } else if (o instanceof Outcome.Cancelled cn) {
        error = "cancelled: " + cn.reason();
      }
      for (int f = 0; f < k; f++) v.add(folds.get(f));
      v.add(mean);
      v.add(std);
      v.add(fit);
      v.add(error);
      rows.add(RowFactory.create(v.toArray()));
    }
    return spark.createDataFrame(rows, new StructType(fields.toArray(StructField[]::new)));
  }

  /** Each distinct failure, for the message when nothing completed. */
  static String errors(List<Trial> trials) {
    return trials.stream().map(t -> t.outcome().orElse(null)).filter(o -> o instanceof Outcome.Failed)
        .map(o -> ((Outcome.Failed) o).error()).distinct().limit(3).collect(Collectors.joining("; "));
  }

  private static DataType type(Param p) {
    if (p instanceof FloatParam) return DataTypes.DoubleType;
    if (p instanceof IntParam) return DataTypes.LongType;
    return DataTypes.StringType;
  }

  private static Object value(Param p, Object v) {
    if (v == null) return null;
    if (p instanceof CategoricalParam) return String.valueOf(v);
    if (p instanceof IntParam) return ((Number) v).longValue();
    return ((Number) v).doubleValue();
  }
}
