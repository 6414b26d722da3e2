package dev.sparktune.mllib;

import static dev.sparktune.mllib.Folds.FOLD;
import static dev.sparktune.mllib.Folds.TEST;
import static org.apache.spark.sql.functions.col;

import dev.sparktune.config.ConfigError;
import dev.sparktune.space.Numbers;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The refusals of {@link Folds#create}: data that cannot be split into the folds asked for or
 * labelled for the estimator. Each is a one-line {@link ConfigError} naming the setting to change,
 * so a study stops before its first trial instead of scoring folds that mean nothing. Kept apart
 * so the fold build reads as the build and the messages sit together.
 */
final class FoldChecks {
  private FoldChecks() {}

  /** Folds, test fraction and label kind that no data could satisfy; checked before any Spark job. */
  static void checkArguments(Dataset<Row> data, LearningTask task, int k, double testFraction) {
    if (k < 2) throw new ConfigError("sparktune.cv.folds: expected an integer >= 2, got " + k);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new ConfigError("sparktune.data.test-fraction: expected a number in [0, 1), got " + testFraction);
    }
    if (task == LearningTask.REGRESSION && Attribute.fromStructField(data.schema().apply("label")) instanceof NominalAttribute) {
      throw new ConfigError("sparktune.data.label: the label holds categories (strings), but the estimator "
          + "is a regressor; use a classifier or a numeric label");
    }
  }

  /** No rows or unusable labels: the data cannot be cross-validated. */
  static void checkRows(long trainingRows, long testRows, long unusableLabels, int k) {
    long rows = trainingRows + testRows;
    if (rows == 0) throw new ConfigError("sparktune.data.path: the data has no rows; expected at least " + k + " rows");
    if (unusableLabels > 0) {
      throw new ConfigError("sparktune.data.label: " + unusableLabels + " of " + rows + " rows have a NaN, infinite "
          + "or missing label; expected a number in every row");
    }
  }

  /** A fold with no rows: it would validate on nothing. */
  static void checkFolds(long[] sizes, long trainingRows, long testRows, int k) {
    for (int i = 0; i < k; i++) {
      if (sizes[i] == 0) {
        throw new ConfigError("sparktune.cv.folds: fold " + (i + 1) + " of " + k + " is empty (" + trainingRows
            + " training rows, " + testRows + " held out by data.test-fraction); expected fewer folds or more rows");
      }
    }
  }

  /**
   * Labels a classifier cannot use: not the integers 0, 1, ..., K-1 ({@code lo}, {@code hi}: the
   * smallest and largest label; {@code fractional}: rows with a non-integer one), or one class only.
   */
  static void checkLabels(double lo, double hi, long fractional) {
    if (lo < 0 || fractional > 0 || hi >= Integer.MAX_VALUE) {
      throw new ConfigError("sparktune.data.label: a classifier needs labels 0, 1, ..., K-1, but found "
          + (lo < 0 ? lo : fractional > 0 ? fractional + " non-integer labels" : hi)
          + "; recode the label (string labels are indexed automatically)");
    }
    if (lo == hi) {
      throw new ConfigError("sparktune.data.label: every row has label " + Numbers.plain(lo) + " (only class " + Numbers.plain(lo)
          + "); expected at least two classes to tell apart");
    }
  }

  /**
   * Refuses a class that some fold would lack: its validation fold could not score it (AUC on
   * one class is meaningless) and its model would never learn it. Stratification deals every
   * class to every fold, so this happens only with fewer training rows (distinct ones: identical
   * rows share a fold) of a class than folds.
   */
  static void checkClasses(Dataset<Row> tagged, int k, List<String> names) {
    Map<Double, long[]> perFold = new TreeMap<>();  // class -> training rows per fold
    Map<Double, Long> held = new TreeMap<>();
    for (Row r : tagged.groupBy(col(TEST), col(FOLD), col("label")).count().collectAsList()) {
      double c = r.getDouble(2);
      long[] rows = perFold.computeIfAbsent(c, x -> new long[k]);
      if (r.getBoolean(0)) {
        held.merge(c, r.getLong(3), Long::sum);
      } else {
        rows[r.getInt(1)] += r.getLong(3);
      }
    }
    StringBuilder counts = new StringBuilder();
    Double bad = null;
    for (var e : perFold.entrySet()) {
      long rows = java.util.Arrays.stream(e.getValue()).sum();
      counts.append(counts.length() == 0 ? "" : ", ").append(className(e.getKey(), names)).append(": ").append(rows);
      if (bad == null && java.util.Arrays.stream(e.getValue()).anyMatch(n -> n == 0)) bad = e.getKey();
    }
    if (bad == null) return;
    long without = java.util.Arrays.stream(perFold.get(bad)).filter(n -> n == 0).count();
    long heldOut = held.getOrDefault(bad, 0L);
    throw new ConfigError("sparktune.cv.folds: " + without + " of the " + k + " folds would have no row of class "
        + className(bad, names) + " of sparktune.data.label (training rows per class: " + counts + ")"
        + (heldOut > 0 ? ", " + heldOut + " more held out by data.test-fraction" : "")
        + "; expected at least " + k + " distinct training rows of every class: fewer folds, or more rows of that class");
  }

  /** A class as the user knows it: its original value for a string label, else the number. */
  private static String className(double c, List<String> names) {
    int i = (int) c;
    return i == c && i >= 0 && i < names.size() ? "'" + names.get(i) + "'" : Numbers.plain(c);
  }

  /** The label's original values by index, from a string label's indexer metadata; else empty. */
  static List<String> classNames(Dataset<Row> data) {
    Attribute a = Attribute.fromStructField(data.schema().apply("label"));
    if (a instanceof NominalAttribute n && n.values().isDefined()) return List.of(n.values().get());
    return List.of();
  }
}
