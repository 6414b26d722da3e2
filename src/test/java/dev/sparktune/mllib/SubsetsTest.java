package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Data-fraction subsets of the cached folds: sizes, nesting, every class kept, built once. */
@Tag("spark")
class SubsetsTest {
  private static SparkSession spark;
  private static Folds digits;

  @BeforeAll
  static void load() {
    spark = SparkTestSession.get();
    Dataset<Row> data = spark.read().format("libsvm").option("numFeatures", "64")
        .load(SparkTestSession.data("sklearn_digits/digits.libsvm"));
    digits = Folds.create(data, LearningTask.CLASSIFICATION, 3, 11L, 0.0, 0);
  }

  @AfterAll
  static void release() {
    digits.unpersist();
  }

  private static Set<String> rows(Dataset<Row> d) {
    Set<String> out = new HashSet<>();
    for (Row r : d.collectAsList()) out.add(r.get(0) + "|" + r.get(1));
    return out;
  }

  @Test
  void subsetsAreNestedSizedByTheFractionAndKeepEveryClass() {
    Set<String> small = rows(digits.train(1, 0.1));
    Set<String> larger = rows(digits.train(1, 0.3));
    Set<String> all = rows(digits.train(1));
    assertTrue(larger.containsAll(small), "a larger rung holds every row of a smaller one");
    assertTrue(all.containsAll(larger));
    double share = (double) larger.size() / all.size();
    assertTrue(share > 0.25 && share < 0.35, "0.3 of the rows, got " + share);
    // digits has ~120 rows per class per training fold: at 10% each class keeps ~MIN_PER_CLASS
    List<Row> perClass = digits.train(1, 0.1).groupBy("label").count().collectAsList();
    assertEquals(10, perClass.size());
    for (Row r : perClass) assertTrue(r.getLong(1) >= Subsets.MIN_PER_CLASS / 2, "class " + r.get(0) + ": " + r.getLong(1));
  }

  @Test
  void aSubsetIsBuiltOnceAndSharedAndCached() {
    Dataset<Row> a = digits.train(0, 0.2);
    assertSame(a, digits.train(0, 0.2));
    assertTrue(a.storageLevel().useMemory());
    assertSame(digits.train(2), digits.train(2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> digits.train(0, 0.0));
    assertThrows(IllegalArgumentException.class, () -> digits.train(0, 1.5));
  }

  @Test
  void thresholdGrowsWithTheFractionAndFloorsRareClasses() {
    assertEquals(0.1, Subsets.threshold(0.1, 10_000), 1e-12);
    assertEquals(Subsets.MIN_PER_CLASS / 40.0, Subsets.threshold(0.1, 40), 1e-12);
    assertEquals(1.0, Subsets.threshold(0.1, 5), 1e-12);
    assertTrue(Subsets.threshold(0.2, 100) >= Subsets.threshold(0.1, 100));
  }
}
