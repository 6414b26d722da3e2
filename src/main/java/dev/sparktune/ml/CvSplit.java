package dev.sparktune.ml;

import dev.sparktune.mllib.Folds;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.mllib.util.MLUtils;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * CrossValidator's own k-fold split, so the same seed or the same {@code foldCol} gives the same
 * folds on both sides: {@code MLUtils.kFold} over the rows (by seed) or by the fold column, each
 * side turned back into a DataFrame with the input's schema, as CrossValidator does. The core
 * then caches every fold once for the whole study (CrossValidator caches one fold at a time).
 */
final class CvSplit {
  private CvSplit() {}

  static Folds of(Dataset<?> dataset, int k, long seed, String foldCol) {
    Dataset<Row> df = dataset.toDF();
    SparkSession spark = df.sparkSession();
    // kFold by foldCol drops the fold column from both sides, as CrossValidator's schema does.
    StructType schema = foldCol.isEmpty() ? df.schema() : new StructType(java.util.Arrays.stream(df.schema().fields())
        .filter(f -> !f.name().equals(foldCol)).toArray(org.apache.spark.sql.types.StructField[]::new));
    Tuple2<RDD<Row>, RDD<Row>>[] splits = foldCol.isEmpty()
        ? MLUtils.kFold(df.rdd(), k, seed, scala.reflect.ClassTag$.MODULE$.apply(Row.class))
        // MLUtils.kFold(Dataset, Int, String) is private[spark] in Scala, public in bytecode.
        : MLUtils.kFold(df, k, foldCol);
    List<Dataset<Row>> train = new ArrayList<>();
    List<Dataset<Row>> validation = new ArrayList<>();
    for (Tuple2<RDD<Row>, RDD<Row>> s : splits) {
      train.add(spark.createDataFrame(s._1(), schema));
      validation.add(spark.createDataFrame(s._2(), schema));
    }
    return Folds.of(train, validation);
  }
}
