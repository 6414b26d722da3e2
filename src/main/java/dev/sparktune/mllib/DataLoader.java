package dev.sparktune.mllib;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.config.Echo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code sparktune.data} into the two columns MLlib predictors read: {@code label}
 * (double) and {@code features} (vector), with, for tables, the {@link Folds#ROW} key that places
 * a row in the test set or a fold.
 *
 * <p>libsvm files already have that shape. Tables (csv, parquet, json, orc) are assembled: numeric
 * and boolean columns as they are, string columns indexed and one-hot encoded, and a string
 * label indexed to 0..K-1 in alphabetical order, so the coding does not depend on row order or
 * counts. Rows with a missing value in a used column are dropped or reported, as configured.
 * The fitted feature stages are kept ({@link Scoring}) for the saved model to score raw rows.
 */
public final class DataLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DataLoader.class);
  private static final List<String> FORMATS = List.of("libsvm", "csv", "parquet", "json", "orc");
  // Internal column names; a prefix no data set uses, so they never collide with the user's.
  private static final String TMP = "__sparktune_";
  /** Spark's loggers that report a failed task with its stack trace (the executor's, then the scheduler's). */
  private static final List<String> TASK_FAILURE_LOGGERS =
      List.of("org.apache.spark.executor.Executor", "org.apache.spark.scheduler.TaskSetManager");

  /**
   * The loaded data.
   *
   * @param data columns {@code label} (double) and {@code features} (vector)
   * @param dropped rows removed for missing values (0 unless {@code missing = drop})
   * @param labelLevels original label strings by index, when the label was a string column
   * @param featureColumns the source columns assembled into {@code features}, in order
   * @param scoring what the saved model needs around the tuned one to score rows of the source
   */
  public record Loaded(Dataset<Row> data, long dropped, List<String> labelLevels,
      List<String> featureColumns, Scoring scoring) {
    public Loaded {
      labelLevels = List.copyOf(labelLevels);
      featureColumns = List.copyOf(featureColumns);
    }

    /** Data that already is a {@code features} vector (libsvm). */
    Loaded(Dataset<Row> data, long dropped, List<String> labelLevels, List<String> featureColumns) {
      this(data, dropped, labelLevels, featureColumns, Scoring.ofVectors());
    }
  }

  private DataLoader() {}

  /**
   * Reads and prepares the data. Reading is lazy except for what must look at the rows: schema
   * inference (csv; libsvm counts its features), one {@link TableScan} (tables) and fitting the
   * string indexers.
   *
   * @throws ConfigError naming {@code sparktune.data.*} for a missing path, unknown format, bytes
   *     that are not in the format, no rows, unknown or unusable column, text among numbers, or
   *     missing values under {@code missing = fail}
   */
  public static Loaded load(SparkSession spark, Settings.Data settings) {
    String format = settings.format() == null ? "" : settings.format().strip().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new ConfigError("sparktune.data.format: expected one of " + String.join(", ", FORMATS)
          + ", got '" + settings.format() + "'");
    }
    requireExists(spark, settings.path());
    Map<String, String> options = new HashMap<>();
    if (format.equals("csv")) {
      options.put("header", "true");
      options.put("inferSchema", "true");
    }
    options.putAll(settings.options());
    try {
      // libsvm is parsed here (to count its features); tables by their first job, in assemble.
      return reportingFailuresItself(() -> {
        Dataset<Row> raw = spark.read().format(format).options(options).load(settings.path());
        if (format.equals("libsvm")) {
          return new Loaded(raw.select(col("label").cast("double").as("label"), col("features")), 0, List.of(),
              List.of("features"));
        }
        return assemble(raw, settings, format);
      });
    } catch (ConfigError e) {
      throw e;
    } catch (Exception e) {
      // Exception, not RuntimeException: Scala throws the checked SparkException undeclared.
      ConfigError bad = Unreadable.explain(e, settings.path(), format).orElse(null);
      if (bad != null) throw bad;
      throw e;
    }
  }

  /**
   * Runs {@code read} with Spark's task-failure loggers off (unless they were set to INFO or finer,
   * as {@code --verbose} does): they print a failed task's whole stack trace, several times, before
   * the loader can tell bad bytes from a lost executor, and the loader reports either in one line.
   */
  private static <T> T reportingFailuresItself(Supplier<T> read) {
    Map<String, Level> before = new LinkedHashMap<>();
    for (String name : TASK_FAILURE_LOGGERS) {
      Level level = LogManager.getLogger(name).getLevel();
      if (level.isMoreSpecificThan(Level.WARN)) {
        before.put(name, level);
        Configurator.setLevel(name, Level.OFF);
      }
    }
    try {
      return read.get();
    } finally {
      before.forEach(Configurator::setLevel);
    }
  }

  private static Loaded assemble(Dataset<Row> raw, Settings.Data settings, String format) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField f : raw.schema().fields()) fields.put(f.name(), f);
    checkParsed(raw, fields, settings, format);
    String label = settings.label();
    if (label == null || !fields.containsKey(label)) {
      throw new ConfigError("sparktune.data.label: no column '" + label + "' in " + settings.path()
          + "; columns: " + String.join(", ", fields.keySet()));
    }
    List<String> features = featureColumns(settings, fields.keySet());
    List<String> used = new ArrayList<>(features);
    used.add(0, label);
    Map<String, DataType> types = new LinkedHashMap<>();
    used.forEach(c -> types.put(c, fields.get(c).dataType()));
    TableScan scan = TableScan.of(raw, used, types);
    checkRows(scan, settings, format, label);
    // The key of a row for the test split and the folds: a hash of all its columns as read, so
    // which columns are features does not move a row between the test set and the folds.
    Dataset<Row> data = raw.withColumn(Folds.ROW, RowKey.of(raw.schema()));
    if (scan.missingRows() > 0) {
      LOG.info("dropped {} of {} rows with missing values ({})", scan.missingRows(), scan.total(), scan.missingByColumn());
      data = data.filter(not(scan.anyMissing()));
    }
    FeatureStages featureStages = FeatureStages.of(features, fields);
    DataType labelType = fields.get(label).dataType();
    boolean stringLabel = labelType instanceof StringType;
    if (!stringLabel && !(labelType instanceof NumericType || labelType instanceof BooleanType)) {
      throw new ConfigError("sparktune.data.label: column '" + label + "' has type " + labelType.simpleString()
          + "; expected numbers, booleans or strings");
    }
    data = data.withColumn(TMP + "y", quoted(label));
    PipelineModel prep = new Pipeline().setStages(featureStages.stages().toArray(new PipelineStage[0])).fit(data);
    Dataset<Row> prepared = prep.transform(data);
    List<String> levels = List.of();
    if (stringLabel) {
      // Alphabetical, so the coding does not depend on row order or counts. Not part of the
      // scorer: rows to score have no label.
      StringIndexerModel labels = new StringIndexer().setInputCol(TMP + "y").setOutputCol(TMP + "label")
          .setStringOrderType("alphabetAsc").fit(prepared);
      levels = List.of(labels.labelsArray()[0]);
      prepared = labels.transform(prepared);
    } else {
      prepared = prepared.withColumn(TMP + "label", col(TMP + "y").cast("double"));
    }
    Dataset<Row> out = prepared.select(col(TMP + "label").as("label"), col(TMP + "features").as("features"),
        col(Folds.ROW));
    StructType input = new StructType(java.util.Arrays.stream(raw.schema().fields())
        .filter(f -> !f.name().equals(label)).toArray(StructField[]::new));
    Scoring scoring = new Scoring(label, features, levels, List.of(prep.stages()), TMP + "features",
        featureStages.internal(), input);
    return new Loaded(out, scan.missingRows(), levels, features, scoring);
  }

  /** Refuses a table with records its format's parser could not read. */
  private static void checkParsed(Dataset<Row> raw, Map<String, StructField> fields, Settings.Data settings,
      String format) {
    String corrupt = settings.options().getOrDefault("columnNameOfCorruptRecord",
        raw.sparkSession().conf().get("spark.sql.columnNameOfCorruptRecord", "_corrupt_record"));
    if (fields.containsKey(corrupt)) {
      // Spark keeps unparsable records as text in this column, with every real column null.
      throw new ConfigError("sparktune.data.path: '" + Echo.of(settings.path()) + "' has records that are not valid " + format
          + "; expected " + format + (format.equals("json") ? " with one object per line (or set "
          + "sparktune.data.options.multiLine = true)" : ""));
    }
  }

  /**
   * The stages that turn source columns into the feature vector {@code TMP + "features"}, and the
   * internal columns they add. They are the scorer's too ({@link Scoring}): they read the source's
   * columns, as rows to score have them. Every used column is first copied under a safe internal
   * name: MLlib stages resolve input names as SQL paths, so a column called "size.cm" would be
   * read as a struct field.
   */
  private record FeatureStages(List<PipelineStage> stages, List<String> internal) {
    /** @throws ConfigError naming {@code sparktune.data.features} for a column that cannot be a feature */
    static FeatureStages of(List<String> features, Map<String, StructField> fields) {
      StringBuilder select = new StringBuilder("SELECT *");
      List<String> internal = new ArrayList<>();
      List<String> assembled = new ArrayList<>();
      List<String> strings = new ArrayList<>();
      for (int i = 0; i < features.size(); i++) {
        String f = features.get(i);
        String tmp = TMP + i;
        DataType t = fields.get(f).dataType();
        if (t instanceof StringType) {
          select.append(", ").append(Scoring.quote(f)).append(" AS ").append(Scoring.quote(tmp));
          strings.add(tmp);
        } else if (t instanceof NumericType || t instanceof BooleanType) {
          select.append(", CAST(").append(Scoring.quote(f)).append(" AS DOUBLE) AS ").append(Scoring.quote(tmp));
          assembled.add(tmp);
        } else if (t instanceof VectorUDT) {
          select.append(", ").append(Scoring.quote(f)).append(" AS ").append(Scoring.quote(tmp));
          assembled.add(tmp);
        } else {
          throw new ConfigError("sparktune.data.features: column '" + f + "' has type " + t.simpleString()
              + ", which cannot be a feature; leave it out of sparktune.data.features");
        }
        internal.add(tmp);
      }
      List<PipelineStage> stages = new ArrayList<>();
      stages.add(new SQLTransformer().setStatement(select + " FROM __THIS__"));
      if (!strings.isEmpty()) {
        String[] in = strings.toArray(String[]::new);
        String[] idx = strings.stream().map(s -> s + "_idx").toArray(String[]::new);
        String[] hot = strings.stream().map(s -> s + "_hot").toArray(String[]::new);
        // keep: a category seen only at scoring time becomes the extra index, which one-hot
        // encoding (dropLast) turns into all zeros instead of failing the job.
        stages.add(new StringIndexer().setInputCols(in).setOutputCols(idx).setHandleInvalid("keep"));
        stages.add(new OneHotEncoder().setInputCols(idx).setOutputCols(hot));
        assembled.addAll(Arrays.asList(hot));
        internal.addAll(Arrays.asList(idx));
        internal.addAll(Arrays.asList(hot));
      }
      stages.add(new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol(TMP + "features"));
      internal.add(TMP + "features");
      return new FeatureStages(stages, internal);
    }
  }

  /**
   * The configured feature columns, or every column but the label and the excluded ones.
   *
   * @throws ConfigError naming {@code sparktune.data.features} or {@code sparktune.data.exclude}
   *     for a column the data does not have, or when nothing is left
   */
  private static List<String> featureColumns(Settings.Data settings, java.util.Set<String> columns) {
    String label = settings.label();
    for (String x : settings.exclude()) {
      if (!columns.contains(x)) {
        throw new ConfigError("sparktune.data.exclude: no column '" + x + "'; columns: " + String.join(", ", columns));
      }
    }
    List<String> features = new ArrayList<>(settings.features());
    if (features.isEmpty()) {
      columns.stream().filter(n -> !n.equals(label) && !settings.exclude().contains(n)).forEach(features::add);
      if (features.isEmpty()) {
        throw new ConfigError("sparktune.data.exclude: leaves no feature column (columns: " + String.join(", ", columns)
            + "; label " + label + "); expected at least one column to learn from");
      }
    }
    for (String f : features) {
      if (!columns.contains(f) || f.equals(label)) {
        throw new ConfigError("sparktune.data.features: " + (f.equals(label) ? "'" + f + "' is the label"
            : "no column '" + f + "'") + "; columns: " + String.join(", ", columns));
      }
    }
    return features;
  }

  /**
   * Refuses a table with no rows to tune on, missing values under {@code missing = fail}, and text
   * columns that are numbers with a few stray values: all found by the one {@link TableScan}.
   */
  private static void checkRows(TableScan scan, Settings.Data settings, String format, String label) {
    if (scan.total() == 0) {
      throw new ConfigError("sparktune.data.path: no rows in '" + Echo.of(settings.path()) + "'; expected rows of " + format
          + " data");
    }
    if (scan.missingRows() > 0 && settings.missing() == Settings.Data.Missing.FAIL) {
      throw new ConfigError("sparktune.data.missing: " + scan.missingRows() + " of " + scan.total()
          + " rows have missing values (" + scan.missingByColumn() + "); set sparktune.data.missing = drop to skip them");
    }
    if (scan.missingRows() == scan.total()) {
      throw new ConfigError("sparktune.data.missing: all " + scan.total() + " rows have missing values ("
          + scan.missingByColumn() + "), so none is left to tune on; expected rows with a value in every used column");
    }
    scan.text().forEach((column, text) -> {
      if (!text.strayText()) return;
      throw new ConfigError((column.equals(label) ? "sparktune.data.label" : "sparktune.data.features")
          + ": column '" + column + "' holds " + text.numbers() + " numbers and " + text.others() + " other value"
          + (text.others() == 1 ? "" : "s") + " such as '" + text.example() + "'; expected numbers (if '"
          + text.example() + "' marks a missing value, set sparktune.data.options.nullValue = \"" + text.example()
          + "\")");
    });
  }

  /** A column by its exact name, even if it contains dots or spaces. */
  static Column quoted(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  /**
   * Fails early, and with the config key, when nothing is at {@code path}; Spark's own error
   * comes later and buried in a stack trace. Globs are allowed, as Spark allows them.
   */
  private static void requireExists(SparkSession spark, String path) {
    if (path == null || path.isBlank()) throw new ConfigError("sparktune.data.path: is empty");
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      FileStatus[] found = fs.globStatus(p);
      if (found == null || found.length == 0) {
        throw new ConfigError("sparktune.data.path: no file or directory at '" + Echo.of(path) + "'");
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError("sparktune.data.path: cannot open '" + Echo.of(path) + "': " + Echo.of(String.valueOf(e.getMessage())), e);
    }
  }
}
