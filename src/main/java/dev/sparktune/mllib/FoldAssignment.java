package dev.sparktune.mllib;

import static dev.sparktune.mllib.Folds.FOLD;
import static dev.sparktune.mllib.Folds.ROW;
import static dev.sparktune.mllib.Folds.TEST;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

import dev.sparktune.engine.SparkCompat;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Which fold each row falls in, and whether it is held out for the test set: the seeded hash and,
 * for classification, the stratified dealing that {@link Folds} describes. Kept apart from the
 * caching and the checks because it is the one piece that decides the folds themselves, and it
 * must depend on nothing but the rows and the seed; a lazy plan, it runs no Spark job.
 */
final class FoldAssignment {
  private static final String HASH = "__sparktune_hash";
  private static final String BUCKET = "__sparktune_bucket";
  private static final String OFFSET = "__sparktune_offset";
  // Stratification ranks rows within (class, bucket) groups, so no one task sorts a whole class;
  // a constant, as the folds must not depend on the cluster.
  private static final int BUCKETS = 64;
  private static final long HASH_RANGE = 1L << 30;

  private FoldAssignment() {}

  /**
   * Adds the int {@link Folds#FOLD} column and the test flag, from a salted hash of each row's key;
   * lazy, nothing is cached. {@code stratify}: folds dealt within each class (any label value,
   * valid or not, is a class here; {@link FoldChecks} refuses bad labels). Package-private for tests.
   */
  static Dataset<Row> assign(Dataset<Row> data, int k, long seed, double testFraction, boolean stratify) {
    Column content = col("label").cast("double");
    Column[] key = List.of(data.columns()).contains(ROW) ? new Column[] {col(ROW)} : new Column[] {content, col("features")};
    Column hashFold = xxhash64(salted(seed, "fold", key));
    Column hashTest = xxhash64(salted(seed, "test", key));
    Column test = pmod(hashTest, lit(HASH_RANGE)).lt(lit((long) Math.floor(testFraction * HASH_RANGE)));
    if (!stratify) {
      return data.select(content.as("label"), col("features"), pmod(hashFold, lit((long) k)).cast("int").as(FOLD),
          test.as(TEST));
    }
    Dataset<Row> hashed = data.select(content.as("label"), col("features"), hashFold.as(HASH), test.as(TEST))
        .withColumn(BUCKET, pmod(col(HASH), lit((long) BUCKETS)));
    // A row's place in its class: its hash's rank in its (class, bucket) group plus the distinct
    // hashes of the class's earlier buckets. Ranks are dense, so duplicate rows share a place.
    // Null and NaN labels group under one key here; FoldChecks refuses them.
    Column group = coalesce(col("label"), lit(-1.0));
    Dataset<Row> counts = hashed.groupBy(col(TEST), group.as("g"), col(BUCKET)).agg(countDistinct(col(HASH)).as("n"));
    WindowSpec earlier = Window.partitionBy(col(TEST), col("g")).orderBy(col(BUCKET))
        .rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> offsets = counts.select(col(TEST).as("t"), col("g"), col(BUCKET).as("b"),
        coalesce(sum(col("n")).over(earlier), lit(0L)).as(OFFSET));
    Dataset<Row> placed = hashed.join(broadcast(offsets), col(TEST).equalTo(col("t"))
        .and(group.equalTo(col("g"))).and(col(BUCKET).equalTo(col("b"))));
    Column rank = dense_rank().over(Window.partitionBy(col(TEST), group, col(BUCKET)).orderBy(col(HASH)));
    // Each class starts at a fold of its own, so the folds that get one row more are not all the same.
    Column start = coalesce(SparkCompat.tryCast("label", "BIGINT"), lit(0L));
    Column position = rank.minus(lit(1L)).plus(col(OFFSET)).plus(start);
    return placed.select(col("label"), col("features"), pmod(position, lit((long) k)).cast("int").as(FOLD), col(TEST));
  }

  private static Column[] salted(long seed, String salt, Column... key) {
    Column[] all = new Column[key.length + 2];
    all[0] = lit(seed);
    all[1] = lit(salt);
    System.arraycopy(key, 0, all, 2, key.length);
    return all;
  }
}
