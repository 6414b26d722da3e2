package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.engine.JobGroups;
import dev.sparktune.engine.SparkCompat;
import dev.sparktune.space.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.storage.StorageLevel;

/**
 * The held-out test set and the k cross-validation folds, assigned and cached once for the whole
 * study. MLlib's {@code CrossValidator} re-splits and re-caches the data on every fit; here every
 * trial reuses the same cached, right-sized fold datasets.
 *
 * <p>Assignment starts from a hash of the row and the seed, {@code xxhash64(seed, "fold", key)}
 * (and a differently salted hash for the test split), not a random number drawn per row. The key
 * is the {@link #ROW} column when the data has one (a table: a hash of every source column, so the
 * choice of features does not move rows), else the label and features. A regression row's fold
 * is {@code pmod(hash, k)}. Classification folds are stratified: within each class, rows are
 * ranked by their hash and dealt to the folds in turn, so every fold holds each class in its
 * share (a class with fewer rows than folds is refused, since a fold without it scores nothing
 * meaningful). Either way the assignment depends on nothing but the rows, not on partitioning,
 * row order or recomputation, so a lost cache block, a repartitioned input or a resumed study
 * all see the same folds, and duplicate rows (identical in every column the key hashes) always
 * land in the same fold instead of leaking across. The fold is a column of {@link #training()}, so CrossValidator given that column sees
 * the same stratified folds.
 */
public final class Folds implements AutoCloseable {
  /** Name of the int fold column on {@link #training()}, for {@code CrossValidator.setFoldCol}. */
  public static final String FOLD = "fold";
  static final String TEST = "__sparktune_test";
  /** The optional long column a row is placed by instead of its label and features (see {@link RowKey}). */
  static final String ROW = "__sparktune_row";
  private static final String HASH = "__sparktune_hash";
  private static final String BUCKET = "__sparktune_bucket";
  private static final String OFFSET = "__sparktune_offset";
  // Stratification ranks rows within (class, bucket) groups, so no one task sorts a whole class;
  // a constant, as the folds must not depend on the cluster.
  private static final int BUCKETS = 64;
  // One partition per ~50k rows or ~32 MB, whichever asks for more: MLlib's per-partition work
  // (aggregating gradients, histograms) is cheap next to task overhead on tiny partitions.
  private static final long ROWS_PER_PARTITION = 50_000;
  private static final double BYTES_PER_PARTITION = 32.0 * 1024 * 1024;
  private static final long HASH_RANGE = 1L << 30;

  private final int k;
  private final Dataset<Row> tagged;
  private final Column label;
  private final List<Dataset<Row>> train = new ArrayList<>();
  private final List<Dataset<Row>> validation = new ArrayList<>();
  private final long[] foldSizes;
  private final long testRows;
  private final int numClasses;
  private final double labelStd;
  private final int partitionsPerFold;
  private final long seed;
  private final double bytesPerRow;
  private final int partitionCap;
  private final Subsets subsets = new Subsets(this);
  private StorageLevel level = StorageLevel.MEMORY_AND_DISK();

  private Folds(int k, Dataset<Row> tagged, Column label, long[] foldSizes, long testRows, int numClasses,
      double labelStd, int partitionsPerFold, long seed, double bytesPerRow, int partitionCap) {
    this.labelStd = labelStd;
    this.k = k;
    this.seed = seed;
    this.bytesPerRow = bytesPerRow;
    this.partitionCap = partitionCap;
    this.tagged = tagged;
    this.label = label;
    this.foldSizes = foldSizes;
    this.testRows = testRows;
    this.numClasses = numClasses;
    this.partitionsPerFold = partitionsPerFold;
  }

  /**
   * Folds already split by the caller, each set with whatever columns its estimator reads: what
   * the Estimator (dev.sparktune.ml.SparkTune) builds from CrossValidator's own split
   * ({@code MLUtils.kFold}, by seed or by {@code foldCol}), so a grid scores as CrossValidator
   * scores it. Each set is cached and counted here. Such folds have no held-out test set and no
   * label statistics: {@link #training()}, {@link #test()} and data-fraction budgets (which
   * hash {@code label} and {@code features}) are for {@link #create}'s folds only.
   */
  public static Folds of(List<Dataset<Row>> trainSets, List<Dataset<Row>> validationSets) {
    int k = trainSets.size();
    if (k < 2 || validationSets.size() != k) {
      throw new IllegalArgumentException("expected k >= 2 training and as many validation sets, got "
          + k + " and " + validationSets.size());
    }
    long[] sizes = new long[k];
    int partitions = Math.max(1, trainSets.get(0).rdd().getNumPartitions());
    int cap = Math.max(1, trainSets.get(0).sparkSession().sparkContext().defaultParallelism());
    Folds folds = new Folds(k, null, col("label"), sizes, 0, 0, Double.NaN, partitions, 0, 64, cap);
    try {
      for (int i = 0; i < k; i++) {
        folds.train.add(cache(trainSets.get(i), folds.level));
        Dataset<Row> v = validationSets.get(i).persist(folds.level);
        sizes[i] = v.count();
        folds.validation.add(v);
      }
    } catch (RuntimeException e) {
      folds.unpersist();
      throw e;
    }
    return folds;
  }

  /** {@link #create(Dataset, LearningTask, int, long, double, int)} with the configured settings. */
  public static Folds create(Dataset<Row> data, LearningTask task, Settings.Data d, Settings.Cv cv) {
    return create(data, task, cv.folds(), cv.seed(), d.testFraction(), d.partitions(), storageLevel(cv.storageLevel()));
  }

  /** Spark's level for a {@code sparktune.cv.storage-level} value ({@link Settings.Cv#STORAGE_LEVELS}). */
  static StorageLevel storageLevel(String configured) {
    return StorageLevel.fromString(configured.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }

  /** How the fold sets are cached ({@code sparktune.cv.storage-level}). */
  public StorageLevel storageLevel() {
    return level;
  }

  /** {@link #create(Dataset, LearningTask, int, long, double, int, StorageLevel)} cached in memory, spilling to disk. */
  public static Folds create(Dataset<Row> data, LearningTask task, int k, long seed, double testFraction, int partitions) {
    return create(data, task, k, seed, testFraction, partitions, StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * Splits, caches and counts the folds (a handful of Spark jobs, run once).
   *
   * @param data columns {@code label} (double) and {@code features} (vector), and optionally {@link #ROW}
   * @param partitions partitions of each fold's training set; 0 = chosen from its size
   * @param level how every fold set is cached
   * @throws ConfigError naming {@code sparktune.cv.folds}, {@code sparktune.data.test-fraction}
   *     or {@code sparktune.data.label} when the data cannot be split or labelled as asked
   */
  public static Folds create(Dataset<Row> data, LearningTask task, int k, long seed, double testFraction,
      int partitions, StorageLevel level) {
    return create(data, task, k, seed, testFraction, partitions, level, Keeping.AUTO);
  }

  /**
   * How the fold sets are kept. A cached plan keeps its lineage: the fold build's filters, sorts
   * and cached layers back to the stratifying shuffle, and Spark serializes all of it into the task
   * binary of every job on the set (every L-BFGS iteration of a fit) and deserializes it in every
   * task. A local checkpoint holds the same rows in the same partitions and order with no lineage.
   */
  public enum Keeping {
    /** Cached plans ({@code persist} at the configured level). */
    CACHED,
    /** Local checkpoints (Spark's memory-and-disk), lineage cut; a lost block cannot be recomputed. */
    LOCAL_CHECKPOINT,
    /**
     * Local checkpoints in local mode at the default level memory-and-disk, where no executor can
     * be lost apart from the driver and nothing is evicted; cached plans otherwise (a cluster's
     * executors come and go, and memory-only levels recompute what they drop).
     */
    AUTO
  }

  /** {@link #create(Dataset, LearningTask, int, long, double, int, StorageLevel)}, the sets kept as {@code keeping} says. */
  public static Folds create(Dataset<Row> data, LearningTask task, int k, long seed, double testFraction,
      int partitions, StorageLevel level, Keeping keeping) {
    boolean checkpoint = keeping == Keeping.LOCAL_CHECKPOINT || keeping == Keeping.AUTO
        && data.sparkSession().sparkContext().isLocal() && level.equals(StorageLevel.MEMORY_AND_DISK());
    if (k < 2) throw new ConfigError("sparktune.cv.folds: expected an integer >= 2, got " + k);
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new ConfigError("sparktune.data.test-fraction: expected a number in [0, 1), got " + testFraction);
    }
    if (task == LearningTask.REGRESSION && Attribute.fromStructField(data.schema().apply("label")) instanceof NominalAttribute) {
      throw new ConfigError("sparktune.data.label: the label holds categories (strings), but the estimator "
          + "is a regressor; use a classifier or a numeric label");
    }
    var sc = data.sparkSession().sparkContext();
    List<String> classNames = classNames(data);
    // As many partitions as the input: the stratified assignment's shuffles end in
    // spark.sql.shuffle.partitions (200 by default) and a cached plan's are not coalesced by
    // adaptive execution, so every job of the fold build would run that many tiny tasks. The
    // assignment depends on row content only, so the partitioning changes no fold.
    int inputPartitions = data.rdd().getNumPartitions();
    Dataset<Row> tagged = assign(data, k, seed, testFraction, task == LearningTask.CLASSIFICATION).coalesce(inputPartitions);
    tagged.persist(level);
    try {
      return JobGroups.run(sc, "sparktune-folds", "assign and cache " + k + " folds",
          () -> build(tagged, task, k, seed, partitions, classNames, level, checkpoint));
    } finally {
      // The fold sets are cached now; the tagged copy would only double the memory. The refit
      // and training() recompute it from the source, which the hash makes reproducible.
      tagged.unpersist(false);
    }
  }

  /**
   * Adds the int {@link #FOLD} column and the test flag, from a salted hash of each row's key;
   * lazy, nothing is cached. {@code stratify}: folds dealt within each class (any label value,
   * valid or not, is a class here; {@link #build} refuses bad labels). Package-private for tests.
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
    // Null and NaN labels group under one key here; build() refuses them.
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

  private static Folds build(Dataset<Row> tagged, LearningTask task, int k, long seed, int partitions,
      List<String> classNames, StorageLevel level, boolean checkpoint) {
    // NaN sorts above every number in Spark, so min/max alone would hide it: counted apart.
    Column unusable = isnan(col("label")).or(col("label").isNull())
        .or(col("label").equalTo(lit(Double.POSITIVE_INFINITY))).or(col("label").equalTo(lit(Double.NEGATIVE_INFINITY)));
    List<Row> stats = tagged.groupBy(col(TEST), col(FOLD)).agg(count(lit(1)), min("label"), max("label"),
        sum(when(col("label").notEqual(rint(col("label"))), 1L).otherwise(0L)),
        sum(when(unusable, 1L).otherwise(0L))).collectAsList();
    long[] sizes = new long[k];
    long testRows = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    long fractional = 0;
    long unusableLabels = 0;
    for (Row r : stats) {
      if (r.getBoolean(0)) {
        testRows += r.getLong(2);
      } else {
        sizes[r.getInt(1)] += r.getLong(2);
      }
      lo = Math.min(lo, r.getDouble(3));
      hi = Math.max(hi, r.getDouble(4));
      fractional += r.getLong(5);
      unusableLabels += r.getLong(6);
    }
    long trainingRows = java.util.Arrays.stream(sizes).sum();
    checkRows(trainingRows, testRows, unusableLabels, k);
    for (int i = 0; i < k; i++) {
      if (sizes[i] == 0) {
        throw new ConfigError("sparktune.cv.folds: fold " + (i + 1) + " of " + k + " is empty (" + trainingRows
            + " training rows, " + testRows + " held out by data.test-fraction); expected fewer folds or more rows");
      }
    }
    int numClasses = 0;
    Column label = col("label");
    if (task == LearningTask.CLASSIFICATION) {
      if (lo < 0 || fractional > 0 || hi >= Integer.MAX_VALUE) {
        throw new ConfigError("sparktune.data.label: a classifier needs labels 0, 1, ..., K-1, but found "
            + (lo < 0 ? lo : fractional > 0 ? fractional + " non-integer labels" : hi)
            + "; recode the label (string labels are indexed automatically)");
      }
      if (lo == hi) {
        throw new ConfigError("sparktune.data.label: every row has label " + Numbers.plain(lo) + " (only class " + Numbers.plain(lo)
            + "); expected at least two classes to tell apart");
      }
      numClasses = (int) hi + 1;
      checkClasses(tagged, k, classNames);
      // With the class count in the label's metadata MLlib skips the job that finds max(label)
      // on every fit, and every fold's model agrees on the class count.
      Metadata meta = NominalAttribute.defaultAttr().withName("label").withNumValues(numClasses).toMetadata();
      label = col("label").as("label", meta);
    }
    double labelStd = Double.NaN;
    if (task == LearningTask.REGRESSION) {
      Row spread = tagged.filter(not(col(TEST))).agg(stddev_samp(col("label"))).first();
      labelStd = spread.isNullAt(0) ? Double.NaN : spread.getDouble(0);
    }
    int cap = Math.max(1, tagged.sparkSession().sparkContext().defaultParallelism());
    double bytesPerRow = bytesPerRow(tagged);
    int p = partitions > 0 ? partitions : autoPartitions(trainingRows - smallest(sizes), bytesPerRow, cap);
    Folds folds = new Folds(k, tagged, label, sizes, testRows, numClasses, labelStd, p, seed, bytesPerRow, cap);
    // One shuffle for all folds, then each fold's sets are filters of it: a partition of fold i's
    // training set holds exactly the rows of the same partition of training() outside fold i, in
    // the same order. That is what CrossValidator's foldCol split of training() sees too, so a
    // random forest's per-partition bagging draws the same rows on both sides and a point scores
    // the same in sparktune as in CrossValidator.
    folds.level = level;
    Dataset<Row> base = folds.training().persist(level);
    try {
      for (int i = 0; i < k; i++) {
        Dataset<Row> t = base.filter(col(FOLD).notEqual(i)).select(label, col("features"));
        Dataset<Row> v = base.filter(col(FOLD).equalTo(i)).select(label, col("features"));
        folds.train.add(checkpoint ? t.localCheckpoint(true) : cache(t, level));
        folds.validation.add(checkpoint ? v.localCheckpoint(true) : cache(v, level));
      }
    } catch (RuntimeException e) {
      folds.unpersist();
      throw e;
    } finally {
      base.unpersist(false);
    }
    return folds;
  }

  /** No rows or unusable labels: the data cannot be cross-validated. */
  private static void checkRows(long trainingRows, long testRows, long unusableLabels, int k) {
    long rows = trainingRows + testRows;
    if (rows == 0) throw new ConfigError("sparktune.data.path: the data has no rows; expected at least " + k + " rows");
    if (unusableLabels > 0) {
      throw new ConfigError("sparktune.data.label: " + unusableLabels + " of " + rows + " rows have a NaN, infinite "
          + "or missing label; expected a number in every row");
    }
  }

  /**
   * Refuses a class that some fold would lack: its validation fold could not score it (AUC on
   * one class is meaningless) and its model would never learn it. Stratification deals every
   * class to every fold, so this happens only with fewer training rows (distinct ones: identical
   * rows share a fold) of a class than folds.
   */
  private static void checkClasses(Dataset<Row> tagged, int k, List<String> names) {
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
  private static List<String> classNames(Dataset<Row> data) {
    Attribute a = Attribute.fromStructField(data.schema().apply("label"));
    if (a instanceof NominalAttribute n && n.values().isDefined()) return List.of(n.values().get());
    return List.of();
  }

  /** How a fold set's rows are stored: a cached plan's level, or a local checkpoint's (its RDD's). */
  static StorageLevel keptAt(Dataset<Row> d) {
    return d.queryExecution().logical() instanceof LogicalRDD checkpointed ? checkpointed.rdd().getStorageLevel()
        : d.storageLevel();
  }

  /** Drops a fold set's blocks: a cached plan's, or a local checkpoint's (the blocks of its RDD). */
  private static void release(Dataset<Row> d) {
    if (d.queryExecution().logical() instanceof LogicalRDD checkpointed) {
      // What RDD.unpersist does, without its warning that a checkpoint's lineage is gone: these
      // sets are dropped for good.
      d.sparkSession().sparkContext().unpersistRDD(checkpointed.rdd().id(), false);
    } else {
      d.unpersist(false);
    }
  }

  private static Dataset<Row> cache(Dataset<Row> d, StorageLevel level) {
    Dataset<Row> out = d.persist(level);
    out.count();
    return out;
  }

  static Dataset<Row> materialize(Dataset<Row> d, int partitions, StorageLevel level) {
    // One partition needs no shuffle: coalesce reads every input partition in a single task.
    Dataset<Row> sized = partitions == 1 ? d.coalesce(1) : d.repartition(partitions);
    Dataset<Row> out = sized.persist(level);
    out.count();
    return out;
  }

  /**
   * Partitions for {@code rows} rows: one per 50k rows or 32 MB, at least 1, at most
   * {@code cap} (the default parallelism). More would split a small fit into many tiny tasks,
   * and several trials' folds already run side by side to fill the cores.
   */
  static int autoPartitions(long rows, double bytesPerRow, int cap) {
    long byRows = (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION;
    long byBytes = (long) Math.ceil(rows * bytesPerRow / BYTES_PER_PARTITION);
    return (int) Math.max(1, Math.min(cap, Math.max(byRows, byBytes)));
  }

  /** In-memory size of a row, from a sample of the first rows: sparse vectors cost per non-zero. */
  private static double bytesPerRow(Dataset<Row> tagged) {
    List<Row> sample = tagged.select("features").limit(200).collectAsList();
    if (sample.isEmpty()) return 64;
    double total = 0;
    for (Row r : sample) {
      Vector v = r.getAs(0);
      total += 32 + (v instanceof SparseVector s ? 12.0 * s.indices().length : 8.0 * v.size());
    }
    return total / sample.size();
  }

  private static long smallest(long[] a) {
    return java.util.Arrays.stream(a).min().orElse(0);
  }

  /** Number of folds (k). */
  public int k() {
    return k;
  }

  /** Cached training set of fold {@code i}: every training row outside fold i. */
  public Dataset<Row> train(int i) {
    return train.get(i);
  }

  /**
   * Cached training set of fold {@code i} cut to {@code fraction} of its rows, for
   * successive-halving budgets; see {@link Subsets} for how rows are chosen. Built on first use
   * (a few Spark jobs) and shared by every trial after that; {@code fraction = 1} is
   * {@link #train(int)} itself.
   *
   * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
   */
  public Dataset<Row> train(int i, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    return fraction >= 1 ? train.get(i) : subsets.get(i, fraction);
  }

  /** Cached validation set of fold {@code i}: the training rows in fold i. */
  public Dataset<Row> validation(int i) {
    return validation.get(i);
  }

  /**
   * All training rows (every fold) with columns {@code label}, {@code features} and the int
   * {@link #FOLD} column, in {@link #partitionsPerFold()} partitions that the fold sets are
   * filters of; not cached, recomputed from the source on use (the same rows in the same
   * partitions, in the same order: rows are hash-partitioned and sorted by their content).
   * Cache it before handing it to CrossValidator: on an uncached one Spark's optimizer pushes
   * the foldCol filter below the repartition, and the fold sets' partitions hold other rows.
   */
  public Dataset<Row> training() {
    Dataset<Row> rows = tagged.filter(not(col(TEST))).select(label, col("features"), col(FOLD));
    // Rows are placed and ordered by their content, not by the partitions they come from: the
    // stratified assignment's shuffle may be split differently when recomputed (adaptive query
    // execution sizes it), and a random forest's bagging depends on which rows share a partition
    // and in which order. Only identical rows tie.
    Column place = xxhash64(lit(seed), lit("place"), col("label"), col("features"));
    Dataset<Row> placed = partitionsPerFold == 1 ? rows.coalesce(1) : rows.repartition(partitionsPerFold, place);
    return placed.sortWithinPartitions(place);
  }

  /** The held-out test rows ({@code label}, {@code features}); empty if the test fraction is 0. */
  public Dataset<Row> test() {
    return tagged.filter(col(TEST)).select(label, col("features"));
  }

  /** Rows per fold (validation-set sizes); they sum to {@link #trainingRows()}. */
  public List<Long> foldSizes() {
    return java.util.Arrays.stream(foldSizes).boxed().toList();
  }

  public long trainingRows() {
    return java.util.Arrays.stream(foldSizes).sum();
  }

  public long testRows() {
    return testRows;
  }

  /** Sample standard deviation of the training rows' label, for regression; NaN for classification. */
  public double labelStd() {
    return labelStd;
  }

  /** Classes of a classification label (max label + 1); 0 for regression. */
  public int numClasses() {
    return numClasses;
  }

  /** Partitions of every fold's training and validation set; sizes trial concurrency (parallelism auto). */
  public int partitionsPerFold() {
    return partitionsPerFold;
  }

  long seed() {
    return seed;
  }

  /**
   * What the cached fold sets take, estimated from a sample of rows: k training sets of k − 1
   * folds each and k validation sets of one fold hold every training row k times.
   */
  public long estimatedBytes() {
    return Math.round(bytesPerRow * trainingRows() * k);
  }

  /** The in-memory size of one row as {@link #estimatedBytes()} estimates it. */
  public double bytesPerRow() {
    return bytesPerRow;
  }

  /** Partitions for a dataset of {@code rows} rows of this data, by the same rule as the folds. */
  int partitionsFor(long rows) {
    return autoPartitions(rows, bytesPerRow, partitionCap);
  }

  long trainRows(int i) {
    return trainingRows() - foldSizes[i];
  }

  /** Releases the cached fold sets; the object is unusable afterwards. */
  public void unpersist() {
    subsets.unpersist();
    for (Dataset<Row> d : train) release(d);
    for (Dataset<Row> d : validation) release(d);
  }

  @Override
  public void close() {
    unpersist();
  }
}
