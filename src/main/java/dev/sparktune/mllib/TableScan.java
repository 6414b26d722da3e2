package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.sparktune.engine.SparkCompat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StringType;

/**
 * What a table's rows say about its usable columns, found in one Spark job at load time: the row
 * count, the rows with a missing value (null, or NaN in a floating-point column), and, for each
 * text column, how many of its values read as numbers. A column of numbers with one stray
 * {@code n.a.} is inferred as text by csv and would be one-hot encoded value by value; the
 * counts let the loader refuse it instead.
 *
 * @param total rows in the table
 * @param missingRows rows with a missing value in any used column
 * @param missingByColumn e.g. {@code "y: 2, f1: 1"}, empty when nothing is missing
 * @param anyMissing the predicate that is true for such a row
 * @param text per text column, in the order asked
 */
record TableScan(long total, long missingRows, String missingByColumn, Column anyMissing, Map<String, Text> text) {

  /**
   * A text column's values.
   *
   * @param numbers values that read as a number
   * @param others non-null values that do not
   * @param example one of the others, or null
   */
  record Text(long numbers, long others, String example) {
    /** Mostly numbers and some text: a numeric column with a few stray values, not categories. */
    boolean strayText() {
      return others > 0 && numbers > others;
    }
  }

  /**
   * @param used the label and feature columns, by exact name
   * @param types their types
   */
  static TableScan of(Dataset<Row> raw, List<String> used, Map<String, DataType> types) {
    List<Column> aggs = new ArrayList<>();
    Column any = lit(false);
    for (String c : used) {
      DataType t = types.get(c);
      Column m = DataLoader.quoted(c).isNull();
      if (t instanceof DoubleType || t instanceof FloatType) m = m.or(isnan(DataLoader.quoted(c)));
      any = any.or(m);
      aggs.add(sum(when(m, 1L).otherwise(0L)));
    }
    aggs.add(sum(when(any, 1L).otherwise(0L)));
    List<String> texts = used.stream().filter(c -> types.get(c) instanceof StringType).toList();
    for (String c : texts) {
      Column value = DataLoader.quoted(c);
      // try_cast: under ANSI mode (Spark 4's default) a plain cast of "n.a." fails the job.
      Column number = SparkCompat.tryCast(c, "double");
      Column other = value.isNotNull().and(number.isNull());
      aggs.add(sum(when(number.isNotNull(), 1L).otherwise(0L)));
      aggs.add(sum(when(other, 1L).otherwise(0L)));
      aggs.add(first(when(other, value), true));
    }
    Row r = raw.agg(count(lit(1)), aggs.toArray(Column[]::new)).first();
    long total = r.getLong(0);
    StringBuilder by = new StringBuilder();
    for (int i = 0; i < used.size(); i++) {
      long n = longAt(r, i + 1);
      if (n > 0) by.append(by.length() == 0 ? "" : ", ").append(used.get(i)).append(": ").append(n);
    }
    long rows = longAt(r, used.size() + 1);
    Map<String, Text> text = new LinkedHashMap<>();
    int at = used.size() + 2;
    for (String c : texts) {
      text.put(c, new Text(longAt(r, at), longAt(r, at + 1), r.isNullAt(at + 2) ? null : r.getString(at + 2)));
      at += 3;
    }
    return new TableScan(total, rows, by.toString(), any, text);
  }

  // sum() over no rows is null, not 0.
  private static long longAt(Row r, int i) {
    return r.isNullAt(i) ? 0 : r.getLong(i);
  }
}
