package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The key a table row is placed by, in the test set or a fold: a 64-bit hash of every column as
 * read, in the file's order. Which columns are features (or excluded) does not change it, so two
 * studies of one table that differ only in their features score on the same test rows; and it
 * depends on nothing but the row, so partitioning, row order and recomputation do not either.
 */
final class RowKey {
  private RowKey() {}

  static Column of(StructType schema) {
    List<Column> parts = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Column c = DataLoader.quoted(f.name());
      // Spark refuses to hash maps (their entry order is not defined) and variants: their text is
      // stable for a row as read, which is all the key needs.
      parts.add(hashable(f.dataType()) ? c : c.cast("string"));
    }
    return xxhash64(parts.toArray(Column[]::new));
  }

  private static boolean hashable(DataType t) {
    // By name: VariantType exists from Spark 4.0 only.
    if (t instanceof MapType || "variant".equals(t.typeName())) return false;
    if (t instanceof ArrayType a) return hashable(a.elementType());
    if (t instanceof StructType s) {
      for (StructField f : s.fields()) if (!hashable(f.dataType())) return false;
    }
    return true;
  }
}
