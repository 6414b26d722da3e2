package dev.sparktune.mllib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.ConfigError;
import dev.sparktune.config.Settings;
import dev.sparktune.testing.SparkTestSession;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("spark")
class DataLoaderTest {
  private static SparkSession spark;
  private static final String HOUSING = "california_housing/california_housing.csv.gz";

  @BeforeAll
  static void session() {
    spark = SparkTestSession.get();
  }

  static Settings.Data csv(String path, String label, Settings.Data.Missing missing) {
    return new Settings.Data(path, "csv", label, List.of(), 0.2, missing, 0, Map.of());
  }

  @Test
  void missingFailNamesTheKeyAndTheCount() {
    var e = assertThrows(ConfigError.class, () -> DataLoader.load(spark,
        csv(SparkTestSession.data(HOUSING), "median_house_value", Settings.Data.Missing.FAIL)));
    assertEquals("sparktune.data.missing: 207 of 20640 rows have missing values (total_bedrooms: 207); "
        + "set sparktune.data.missing = drop to skip them", e.getMessage());
  }

  @Test
  void missingDropRemovesTheRowsAndAssemblesStringColumns() {
    DataLoader.Loaded l = DataLoader.load(spark,
        csv(SparkTestSession.data(HOUSING), "median_house_value", Settings.Data.Missing.DROP));
    assertEquals(207, l.dropped());
    assertEquals(List.of("label", "features", Folds.ROW), List.of(l.data().columns()));
    List<Row> rows = l.data().collectAsList();
    assertEquals(20433, rows.size());
    // 8 numeric columns + ocean_proximity's 5 levels one-hot (the last slot, "unseen", dropped)
    assertEquals(13, ((Vector) rows.get(0).get(1)).size());
    assertEquals(452600.0, rows.get(0).getDouble(0));
    assertEquals(List.of(), l.labelLevels());
    assertEquals(9, l.featureColumns().size());
  }

  @Test
  void aMissingFileNamesTheKeyAndThePath() {
    var e = assertThrows(ConfigError.class, () -> DataLoader.load(spark,
        csv("/no/such/dir/data.csv", "y", Settings.Data.Missing.DROP)));
    assertEquals("sparktune.data.path: no file or directory at '/no/such/dir/data.csv'", e.getMessage());
    e = assertThrows(ConfigError.class, () -> DataLoader.load(spark,
        new Settings.Data("/tmp", "xlsx", "y", List.of(), 0.2, Settings.Data.Missing.DROP, 0, Map.of())));
    assertEquals("sparktune.data.format: expected one of libsvm, csv, parquet, json, orc, got 'xlsx'", e.getMessage());
  }

  @Test
  void unknownColumnsNameTheirKeys() {
    String path = SparkTestSession.data("sklearn_breast_cancer/breast_cancer.csv");
    var e = assertThrows(ConfigError.class, () -> DataLoader.load(spark, csv(path, "diagnosis", Settings.Data.Missing.DROP)));
    assertTrue(e.getMessage().startsWith("sparktune.data.label: no column 'diagnosis' in "), e.getMessage());
    e = assertThrows(ConfigError.class, () -> DataLoader.load(spark, new Settings.Data(path, "csv", "target",
        List.of("mean_radius", "mean_radiuss"), 0.2, Settings.Data.Missing.DROP, 0, Map.of())));
    assertTrue(e.getMessage().startsWith("sparktune.data.features: no column 'mean_radiuss'; columns: mean_radius,"),
        e.getMessage());
  }

  @Test
  void stringLabelsAreIndexedAlphabeticallyAndOddNamesWork(@TempDir Path dir) {
    StructType schema = new StructType()
        .add("colour", DataTypes.StringType)
        .add("size.cm", DataTypes.DoubleType)
        .add("count", DataTypes.IntegerType)
        .add("flag", DataTypes.BooleanType)
        .add("answer", DataTypes.StringType);
    List<Row> rows = List.of(
        RowFactory.create("red", 1.5, 3, true, "yes"),
        RowFactory.create("blue", 2.5, 4, false, "no"),
        RowFactory.create("red", 0.5, 5, false, "yes"),
        RowFactory.create("green", null, 6, true, "no"));
    String path = dir.resolve("t.parquet").toString();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
    DataLoader.Loaded l = DataLoader.load(spark,
        new Settings.Data(path, "parquet", "answer", List.of(), 0.0, Settings.Data.Missing.DROP, 0, Map.of()));
    assertEquals(List.of("no", "yes"), l.labelLevels());
    assertEquals(1, l.dropped());
    Dataset<Row> d = l.data();
    List<Row> out = d.collectAsList();
    assertEquals(3, out.size());
    assertEquals(List.of(1.0, 0.0, 1.0), out.stream().map(r -> r.getDouble(0)).toList());
    // size.cm, count, flag, then colour one-hot: red, blue seen (frequency order) + unseen slot dropped
    Vector first = (Vector) out.get(0).get(1);
    assertEquals(3 + 2, first.size());
    assertEquals(1.5, first.apply(0));
    assertEquals(1.0, first.apply(2));
  }

  @Test
  void libsvmKeepsItsShape() {
    DataLoader.Loaded l = DataLoader.load(spark, new Settings.Data(
        SparkTestSession.data("spark_sample_multiclass_classification/sample_multiclass_classification_data.txt"),
        "libsvm", "", List.of(), 0.2, Settings.Data.Missing.FAIL, 0, Map.of("numFeatures", "4")));
    assertEquals(150, l.data().count());
    assertEquals(List.of("label", "features"), List.of(l.data().columns()));
  }

  /** Collects what Spark logs while a malformed file is read. */
  private static final class Collected extends org.apache.logging.log4j.core.appender.AbstractAppender {
    final List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();

    Collected() {
      super("collected", null, null, true, org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY);
    }

    @Override
    public void append(org.apache.logging.log4j.core.LogEvent event) {
      if (event.getLevel().isMoreSpecificThan(org.apache.logging.log4j.Level.WARN)) {
        lines.add(event.getLoggerName() + " " + event.getLevel() + (event.getThrown() == null ? "" : " with a stack trace"));
      }
    }
  }

  @Test
  void malformedLibsvmIndicesAreOneLineNamingThePathWithoutSparksTaskTraces(@TempDir Path dir) throws Exception {
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 12; i++) rows.append(i % 2).append(i == 6 ? " 3:1.0 2:0.5" : " 1:" + i + " 2:0.5").append('\n');
    Path file = java.nio.file.Files.writeString(dir.resolve("descending.libsvm"), rows);
    var ctx = (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
    Collected collected = new Collected();
    collected.start();
    var root = ctx.getConfiguration().getRootLogger();
    root.addAppender(collected, null, null);
    ctx.updateLoggers();
    String executorLevel = org.apache.logging.log4j.LogManager.getLogger("org.apache.spark.executor.Executor").getLevel().name();
    ConfigError e;
    try {
      e = assertThrows(ConfigError.class, () -> DataLoader.load(spark,
          new Settings.Data(file.toString(), "libsvm", "label", List.of(), 0.2, Settings.Data.Missing.DROP, 0, Map.of())));
    } finally {
      root.removeAppender("collected");
      ctx.updateLoggers();
    }
    assertEquals("sparktune.data.path: cannot read '" + file + "' as libsvm: feature index 2 after 3 (indices must "
        + "ascend) in the line \"0 3:1.0 2:0.5\"; expected one-based, ascending indices", e.getMessage());
    assertEquals(List.of(), collected.lines.stream().filter(l -> l.startsWith("org.apache.spark.executor")
        || l.startsWith("org.apache.spark.scheduler.TaskSetManager")).toList());
    assertEquals(executorLevel,
        org.apache.logging.log4j.LogManager.getLogger("org.apache.spark.executor.Executor").getLevel().name(),
        "the logger's level is restored");
  }
}
