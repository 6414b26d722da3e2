package dev.sparktune.config;

import com.typesafe.config.ConfigValue;
import dev.sparktune.config.Settings.Data.Missing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads and checks {@code sparktune.data}. */
final class DataReader {
  /** Spark reader formats we know how to turn into a label and a feature vector. */
  static final List<String> FORMATS = List.of("libsvm", "csv", "parquet", "json", "orc");

  private static final String P = "sparktune.data.";

  private DataReader() {}

  static Settings.Data read(ValueReader r) {
    String path = r.nonEmptyString(P + "path", "a non-empty path or Hadoop FileSystem URI");
    String format = r.oneOf(P + "format", FORMATS);
    String label = r.nonEmptyString(P + "label", "a non-empty column name");
    List<String> features = r.strings(P + "features");
    if (features.contains(label)) {
      r.problems().expected(r.origin(P + "features"), P + "features", "feature columns other than the label",
          "'" + label + "' among them");
    }
    List<String> exclude = r.strings(P + "exclude");
    checkExclude(r, format, label, features, exclude);
    double testFraction = r.numberIn(P + "test-fraction", 0, 0.9);
    Missing missing = Missing.valueOf(r.oneOf(P + "missing", List.of("drop", "fail")).toUpperCase(Locale.ROOT));
    int partitions = r.intAtLeast(P + "partitions", 0);
    return new Settings.Data(path, format, label, features, testFraction, missing, partitions, options(r), exclude);
  }

  /**
   * {@code exclude} only makes sense for a table whose features are "every other column": with
   * an explicit feature list it would either repeat it or contradict it, and libsvm has one
   * feature vector. Which names exist is only known from the data (DataLoader checks that).
   */
  private static void checkExclude(ValueReader r, String format, String label, List<String> features,
      List<String> exclude) {
    if (exclude.isEmpty()) return;
    String key = P + "exclude";
    if ("libsvm".equals(format)) {
      r.problems().expected(r.origin(key), key, "no columns to exclude for libsvm data (its features are one vector)",
          exclude.toString());
    } else if (!features.isEmpty()) {
      r.problems().expected(r.origin(key), key, "either data.features or data.exclude, not both",
          "features " + features + " and exclude " + exclude);
    } else if (exclude.contains(label)) {
      r.problems().expected(r.origin(key), key, "columns other than the label (the label is never a feature)",
          "'" + label + "' among them");
    }
  }

  /** Reader options are strings to Spark; numbers and booleans are passed as their text. */
  private static Map<String, String> options(ValueReader r) {
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : r.leaves(P + "options").entrySet()) {
      Optional<String> text = Scalars.string(e.getValue());
      if (e.getKey().contains(".")) {
        // Spark copies reader options into the Hadoop configuration, where keys such as
        // fs.file.impl or io.compression.codecs name classes to load: a config must not reach
        // those. Spark's reader options (sep, header, multiLine, numFeatures) have no dots.
        r.problems().expected(e.getValue().origin(), P + "options." + e.getKey(),
            "a Spark reader option such as sep or header (Hadoop properties go to spark-submit --conf "
                + "spark.hadoop.<key>=...)", "a dotted property name");
      } else if (text.isEmpty()) {
        r.problems().expected(e.getValue().origin(), P + "options." + e.getKey(), "a string, number or boolean",
            Scalars.render(e.getValue()));
      } else {
        options.put(e.getKey(), text.get());
      }
    }
    return options;
  }
}
