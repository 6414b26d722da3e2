package dev.sparktune.config;

import java.util.List;
import java.util.Map;

/**
 * Where the data is and how to read it ({@code sparktune.data}).
 *
 * @param path any Hadoop FileSystem URI or local path
 * @param format libsvm, csv, parquet, json or orc
 * @param label label column (csv/parquet/json/orc); libsvm always has "label"
 * @param features feature columns; empty means every column but the label (and {@code exclude})
 * @param testFraction share of rows held out from tuning and used only to score the refit model
 * @param missing what to do with rows that have a missing value
 * @param partitions partitions of the cached training data; 0 = chosen from the data's size
 * @param options extra Spark reader options (e.g. csv {@code sep})
 * @param exclude columns left out of the features when {@code features} is empty (ids, dates)
 */
public record DataSettings(String path, String format, String label, List<String> features,
    double testFraction, Missing missing, int partitions, Map<String, String> options, List<String> exclude) {

  public enum Missing { DROP, FAIL }

  public DataSettings {
    features = List.copyOf(features);
    options = Map.copyOf(options);
    exclude = List.copyOf(exclude);
  }

  /** Settings that exclude no column. */
  public DataSettings(String path, String format, String label, List<String> features, double testFraction,
      Missing missing, int partitions, Map<String, String> options) {
    this(path, format, label, features, testFraction, missing, partitions, options, List.of());
  }
}
