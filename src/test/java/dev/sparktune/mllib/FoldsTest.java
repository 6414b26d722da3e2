package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.testing.SparkTestSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fold assignment on spambase (4,601 rows, about 390 of them duplicates, which makes the
 * "duplicates never straddle folds" property observable). Rows are compared as multisets in
 * memory: a few collects of cached data are far cheaper than Spark set operations.
 */
@Tag("spark")
class FoldsTest {
  private static final int K = 4;
  private static SparkSession spark;
  private static Dataset<Row> data;
  private static Folds folds;
  private static Map<String, Integer> training;  // row -> fold (duplicates share one fold)
  private static Map<String, Integer> trainingCounts;

  @BeforeAll
  static void load() {
    spark = SparkTestSession.get();
    data = spark.read().format("libsvm").option("numFeatures", "57")
        .load(SparkTestSession.data("spambase/spambase.libsvm")).cache();
    folds = Folds.create(data, LearningTask.CLASSIFICATION, K, 42L, 0.2, 0);
    training = new HashMap<>();
    trainingCounts = new HashMap<>();
    for (Row r : folds.training().collectAsList()) {
      Integer before = training.put(key(r), r.getInt(2));
      assertTrue(before == null || before == r.getInt(2), "duplicate rows in different folds: " + key(r));
      trainingCounts.merge(key(r), 1, Integer::sum);
    }
  }

  @AfterAll
  static void release() {
    folds.unpersist();
    data.unpersist();
  }

  private static String key(Row r) {
    return r.getDouble(0) + "|" + r.get(1);
  }

  private static Map<String, Integer> counts(Dataset<Row> d) {
    Map<String, Integer> m = new HashMap<>();
    for (Row r : d.collectAsList()) m.merge(key(r), 1, Integer::sum);
    return m;
  }

  @Test
  void foldsAreDisjointAndCoverTheTrainingData() {
    long covered = 0;
    for (int i = 0; i < K; i++) {
      int fold = i;
      Map<String, Integer> val = counts(folds.validation(i));
      Map<String, Integer> train = counts(folds.train(i));
      Map<String, Integer> expectVal = new HashMap<>();
      Map<String, Integer> expectTrain = new HashMap<>();
      trainingCounts.forEach((row, n) -> (training.get(row) == fold ? expectVal : expectTrain).put(row, n));
      assertEquals(expectVal, val, "validation set of fold " + i);
      assertEquals(expectTrain, train, "training set of fold " + i);
      covered += val.values().stream().mapToLong(Integer::longValue).sum();
    }
    assertEquals(folds.trainingRows(), covered);
  }

  @Test
  void everyFoldIsNonEmptyAndSizesAreReported() {
    List<Long> sizes = folds.foldSizes();
    assertEquals(K, sizes.size());
    for (int i = 0; i < K; i++) {
      assertTrue(sizes.get(i) > 700, "fold " + i + " has only " + sizes.get(i) + " rows");
      assertEquals(sizes.get(i), folds.validation(i).count());
      assertEquals(folds.trainingRows() - sizes.get(i), folds.train(i).count());
    }
    assertEquals(4601, folds.trainingRows() + folds.testRows());
    assertTrue(folds.testRows() > 800 && folds.testRows() < 1050, "test rows " + folds.testRows());
    assertEquals(2, folds.numClasses());
  }

  @Test
  void testSetIsDisjointFromTraining() {
    Map<String, Integer> test = counts(folds.test());
    assertEquals(folds.testRows(), test.values().stream().mapToLong(Integer::longValue).sum());
    for (String row : test.keySet()) assertTrue(!training.containsKey(row), "in both test and training: " + row);
  }

  @Test
  void foldSetsAreCachedAndNotSplitIntoTinyTasks() {
    for (int i = 0; i < K; i++) {
      assertNotEquals(StorageLevel.NONE(), FoldSets.keptAt(folds.train(i)));
      assertNotEquals(StorageLevel.NONE(), FoldSets.keptAt(folds.validation(i)));
      assertEquals(1, folds.train(i).rdd().getNumPartitions());  // 2,800 rows: one task
    }
    assertEquals(1, folds.partitionsPerFold());
  }

  @Test
  void localCheckpointsHoldTheCachedRowsInTheSamePartitionsWithAShortLineage() throws Exception {
    // In local mode at memory-and-disk (this suite's folds) the sets are local checkpoints.
    assertTrue(folds.train(0).queryExecution().logical() instanceof LogicalRDD, "not a local checkpoint");
    try (Folds cached = Folds.create(data, LearningTask.CLASSIFICATION, K, 42L, 0.2, 0, StorageLevel.MEMORY_AND_DISK(),
        Folds.Keeping.CACHED)) {
      assertFalse(cached.train(0).queryExecution().logical() instanceof LogicalRDD);
      for (int i = 0; i < K; i++) {
        // Row for row, partition for partition: what a fit reads is the same on both.
        assertEquals(partitions(cached.train(i)), partitions(folds.train(i)), "training set of fold " + i);
        assertEquals(partitions(cached.validation(i)), partitions(folds.validation(i)), "validation set of fold " + i);
        // What every job on the set serializes into its task binary: the RDD a fit reads, with its lineage.
        long full = lineageBytes(cached.train(i));
        long cut = lineageBytes(folds.train(i));
        assertTrue(cut * 3 < full, "fold " + i + ": lineage " + cut + " B as a checkpoint, " + full + " B cached");
      }
    }
  }

  private static List<List<String>> partitions(Dataset<Row> d) {
    List<List<String>> out = new java.util.ArrayList<>();
    for (List<Row> p : d.javaRDD().glom().collect()) out.add(p.stream().map(FoldsTest::key).toList());
    return out;
  }

  private static long lineageBytes(Dataset<Row> d) {
    var rdd = d.select(col("label"), col("features")).rdd();
    return org.apache.spark.SparkEnv.get().closureSerializer().newInstance()
        .serialize(rdd, scala.reflect.ClassTag$.MODULE$.apply(org.apache.spark.rdd.RDD.class)).remaining();
  }

  @Test
  void assignmentIsStableUnderRepartitioningAndRecomputation() {
    try (Folds again = Folds.create(data.repartition(7), LearningTask.CLASSIFICATION, K, 42L, 0.2, 0)) {
      for (Row r : again.training().collectAsList()) {
        assertEquals(training.get(key(r)), r.getInt(2), "fold of " + key(r));
      }
      assertEquals(folds.foldSizes(), again.foldSizes());
      assertEquals(counts(folds.test()), counts(again.test()));
      assertEquals(counts(folds.validation(2)), counts(again.validation(2)));
    }
  }

  @Test
  void theSeedDecidesTheAssignment() {
    var same = FoldAssignment.assign(data, K, 42L, 0.2, true).filter(col(Folds.TEST).equalTo(false)).collectAsList();
    for (Row r : same) assertEquals(training.get(key(r)), r.getInt(2));
    long moved = FoldAssignment.assign(data, K, 43L, 0.2, true).filter(col(Folds.TEST).equalTo(false)).collectAsList().stream()
        .filter(r -> training.containsKey(key(r)) && training.get(key(r)) != r.getInt(2)).count();
    assertTrue(moved > 1000, "only " + moved + " rows changed fold with another seed");
  }

  @Test
  void foldColumnIsAnIntInRange() {
    assertEquals(DataTypes.IntegerType, folds.training().schema().apply(Folds.FOLD).dataType());
    assertTrue(training.values().stream().allMatch(f -> f >= 0 && f < K));
  }

  @Test
  void partitionsOverrideIsHonoured() {
    try (Folds p = Folds.create(data, LearningTask.CLASSIFICATION, 2, 1L, 0.0, 3)) {
      assertEquals(3, p.train(0).rdd().getNumPartitions());
      assertEquals(0, p.testRows());
    }
  }

  @Test
  void theConfiguredStorageLevelCachesEveryFoldSetAndSubset() {
    var cv = new dev.sparktune.config.Settings.Cv(2, 1L, "disk-only");
    var d = new dev.sparktune.config.Settings.Data("unused", "libsvm", "label", List.of(), 0.0,
        dev.sparktune.config.Settings.Data.Missing.DROP, 0, Map.of());
    try (Folds f = Folds.create(data, LearningTask.CLASSIFICATION, d, cv)) {
      assertEquals(StorageLevel.DISK_ONLY(), f.storageLevel());
      for (int i = 0; i < 2; i++) {
        assertEquals(StorageLevel.DISK_ONLY(), f.train(i).storageLevel());
        assertEquals(StorageLevel.DISK_ONLY(), f.validation(i).storageLevel());
      }
      assertEquals(StorageLevel.DISK_ONLY(), f.train(0, 0.5).storageLevel(), "a data-fraction subset too");
    }
    assertEquals(StorageLevel.MEMORY_AND_DISK(), folds.storageLevel(), "the default");
    assertEquals(StorageLevel.MEMORY_AND_DISK_SER(), Folds.storageLevel("memory-and-disk-ser"));
  }

  @Test
  void autoPartitionsScaleWithRowsAndBytesButStayCapped() {
    assertEquals(1, FoldSets.autoPartitions(3_000, 500, 8));
    assertEquals(4, FoldSets.autoPartitions(200_000, 100, 8));
    assertEquals(8, FoldSets.autoPartitions(10_000_000, 100, 8));
    // 20k rows of 8 kB are 160 MB: the bytes ask for 5 partitions where the rows ask for 1
    assertEquals(5, FoldSets.autoPartitions(20_000, 8_192, 8));
  }

  @Test
  void badSettingsNameTheirKeys() {
    var e = assertThrows(ConfigError.class, () -> Folds.create(data, LearningTask.CLASSIFICATION, 1, 1L, 0.2, 0));
    assertTrue(e.getMessage().startsWith("sparktune.cv.folds:"), e.getMessage());
    e = assertThrows(ConfigError.class, () -> Folds.create(data, LearningTask.CLASSIFICATION, 3, 1L, 1.0, 0));
    assertTrue(e.getMessage().startsWith("sparktune.data.test-fraction:"), e.getMessage());
    Dataset<Row> tiny = data.limit(3);
    e = assertThrows(ConfigError.class, () -> Folds.create(tiny, LearningTask.CLASSIFICATION, 10, 1L, 0.0, 0));
    assertTrue(e.getMessage().startsWith("sparktune.cv.folds: fold"), e.getMessage());
  }

  @Test
  void classifierLabelsMustBeClassIndices() {
    Dataset<Row> signed = data.withColumn("label", col("label").multiply(2).minus(1));  // -1 / +1
    var e = assertThrows(ConfigError.class, () -> Folds.create(signed, LearningTask.CLASSIFICATION, 3, 1L, 0.0, 0));
    assertTrue(e.getMessage().startsWith("sparktune.data.label: a classifier needs labels 0, 1"), e.getMessage());
  }

  @Test
  void classificationFoldsHoldEachClassInItsShare() {
    // Distinct training rows of each class per fold: dealt in turn, so they differ by at most one.
    Map<Double, long[]> perFold = new HashMap<>();
    training.forEach((row, fold) -> perFold.computeIfAbsent(Double.valueOf(row.substring(0, row.indexOf('|'))),
        c -> new long[K])[fold]++);
    assertEquals(2, perFold.size());
    perFold.forEach((c, n) -> {
      long lo = java.util.Arrays.stream(n).min().orElseThrow();
      long hi = java.util.Arrays.stream(n).max().orElseThrow();
      assertTrue(hi - lo <= 1, "class " + c + " per fold: " + java.util.Arrays.toString(n));
    });
  }

  @Test
  void aClassWithFewerRowsThanFoldsIsRefusedBeforeAnyTrial() {
    // Three spam rows among the rest: five folds cannot each have one, and a fold without spam
    // would score areaUnderROC on a single class.
    Dataset<Row> rare = data.filter(col("label").equalTo(0.0)).union(data.filter(col("label").equalTo(1.0)).limit(3));
    var e = assertThrows(ConfigError.class, () -> Folds.create(rare, LearningTask.CLASSIFICATION, 5, 1L, 0.0, 0));
    assertTrue(e.getMessage().startsWith("sparktune.cv.folds: 2 of the 5 folds would have no row of class 1 of "
        + "sparktune.data.label (training rows per class: 0: 2788, 1: 3)"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    try (Folds ok = Folds.create(rare, LearningTask.CLASSIFICATION, 3, 1L, 0.0, 0)) {
      for (int i = 0; i < 3; i++) assertEquals(1, ok.validation(i).filter(col("label").equalTo(1.0)).count());
    }
  }

  @Test
  void theTestRowsDoNotDependOnWhichColumnsAreFeatures() {
    // Two studies of one table, one on two columns, one on all of them (the same two first).
    String adult = SparkTestSession.data("adult/adult_train.csv.gz");
    List<String> all = List.of("age", "hours_per_week", "workclass", "education", "education_num", "marital_status",
        "occupation", "relationship", "race", "sex", "capital_gain", "capital_loss", "native_country", "fnlwgt");
    Map<String, Integer> few = testRows(new Settings.Data(adult, "csv", "income", all.subList(0, 2), 0.2,
        Settings.Data.Missing.FAIL, 0, Map.of()));
    Map<String, Integer> many = testRows(new Settings.Data(adult, "csv", "income", all, 0.2,
        Settings.Data.Missing.FAIL, 0, Map.of()));
    assertEquals(few, many);
    int rows = few.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(rows > 6000 && rows < 7000, "test rows " + rows);
  }

  /** The test rows of a study as a multiset of (label, first feature, second feature). */
  private static Map<String, Integer> testRows(Settings.Data settings) {
    DataLoader.Loaded l = DataLoader.load(spark, settings);
    try (Folds f = Folds.create(l.data(), LearningTask.CLASSIFICATION, 3, 7L, settings.testFraction(), 0)) {
      Map<String, Integer> m = new HashMap<>();
      for (Row r : f.test().collectAsList()) {
        org.apache.spark.ml.linalg.Vector v = r.getAs(1);
        m.merge(r.getDouble(0) + "|" + v.apply(0) + "|" + v.apply(1), 1, Integer::sum);
      }
      return m;
    }
  }
}
