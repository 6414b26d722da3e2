package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.rint;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.engine.JobGroups;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
 *
 * <p>This class builds the folds and hands them out; the parts live beside it: the assignment in
 * {@link FoldAssignment}, the refusals of data that cannot be split in {@link FoldChecks}, and how
 * the sets are cached or checkpointed and sized in {@link FoldSets}.
 */
public final class Folds implements AutoCloseable {
  /** Name of the int fold column on {@link #training()}, for {@code CrossValidator.setFoldCol}. */
  public static final String FOLD = "fold";
  static final String TEST = "__sparktune_test";
  /** The optional long column a row is placed by instead of its label and features (see {@link RowKey}). */
  static final String ROW = "__sparktune_row";

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
        folds.train.add(FoldSets.cache(trainSets.get(i), folds.level));
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
    boolean checkpoint = FoldSets.checkpoints(keeping, data, level);
    FoldChecks.checkArguments(data, task, k, testFraction);
    var sc = data.sparkSession().sparkContext();
    List<String> classNames = FoldChecks.classNames(data);
    // As many partitions as the input: the stratified assignment's shuffles end in
    // spark.sql.shuffle.partitions (200 by default) and a cached plan's are not coalesced by
    // adaptive execution, so every job of the fold build would run that many tiny tasks. The
    // assignment depends on row content only, so the partitioning changes no fold.
    int inputPartitions = data.rdd().getNumPartitions();
    Dataset<Row> tagged = FoldAssignment.assign(data, k, seed, testFraction, task == LearningTask.CLASSIFICATION)
        .coalesce(inputPartitions);
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
    FoldChecks.checkRows(trainingRows, testRows, unusableLabels, k);
    FoldChecks.checkFolds(sizes, trainingRows, testRows, k);
    int numClasses = 0;
    Column label = col("label");
    if (task == LearningTask.CLASSIFICATION) {
      FoldChecks.checkLabels(lo, hi, fractional);
      numClasses = (int) hi + 1;
      FoldChecks.checkClasses(tagged, k, classNames);
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
    double bytesPerRow = FoldSets.bytesPerRow(tagged);
    int p = partitions > 0 ? partitions : FoldSets.autoPartitions(trainingRows - smallest(sizes), bytesPerRow, cap);
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
        folds.train.add(FoldSets.keep(t, level, checkpoint));
        folds.validation.add(FoldSets.keep(v, level, checkpoint));
      }
    } catch (RuntimeException e) {
      folds.unpersist();
      throw e;
    } finally {
      base.unpersist(false);
    }
    return folds;
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
    return FoldSets.autoPartitions(rows, bytesPerRow, partitionCap);
  }

  long trainRows(int i) {
    return trainingRows() - foldSizes[i];
  }

  /** Releases the cached fold sets; the object is unusable afterwards. */
  public void unpersist() {
    subsets.unpersist();
    for (Dataset<Row> d : train) FoldSets.release(d);
    for (Dataset<Row> d : validation) FoldSets.release(d);
  }

  @Override
  public void close() {
    unpersist();
  }
}
