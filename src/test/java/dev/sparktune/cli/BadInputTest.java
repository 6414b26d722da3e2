package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.testing.SparkTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input table of issue 5: each malformed config or data file, run through the CLI entry
 * point in this JVM, must exit 2 with one line that names the key (or file) and what was
 * expected, and leave the results of an earlier study exactly as they were.
 *
 * <p>Every case points at the output directory of a real study run once in {@link #study()},
 * unless the case is about the output directory itself. Data, metric and estimator cases change
 * the study's fingerprint, so the resume check would refuse them too; their fragments prove that
 * the input error wins, since bad input has to be fixed whatever the directory holds, and that
 * nothing is written before the input has passed. Config mistakes fail before Spark starts; data
 * cases read small files generated here.
 */
@Tag("spark")
class BadInputTest {
  @TempDir static Path tmp;
  private static Path data;
  private static Path runs;
  private static Map<String, String> before;

  private static final String LR = "logistic-regression";
  private static final String RANGE = "{type=float, low=1e-4, high=1.0, log=true}";

  /** One malformed input: the keys it sets or removes over {@link #base()}, and the fragments expected. */
  record Case(String name, Map<String, String> args, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A case; {@code set} holds key=value overrides of the base, where the value {@code <unset>} removes the key. */
  private static Case bad(String name, List<String> set, String... expected) {
    Map<String, String> args = base();
    for (String kv : set) {
      int eq = kv.indexOf('=');
      String key = kv.substring(0, eq);
      String value = kv.substring(eq + 1);
      if (value.equals("<unset>")) {
        args.remove(key);
      } else {
        args.put(key, value);
      }
    }
    return new Case(name, args, List.of(expected));
  }

  private static Map<String, String> base() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("sparktune.name", "bad-input");
    a.put("sparktune.data.path", SparkTestSession.data("spark_sample_multiclass_classification/sample_multiclass_classification_data.txt"));
    a.put("sparktune.model.estimator", LR);
    a.put("sparktune.model.fixed.maxIter", "5");
    a.put("sparktune.space.regParam", RANGE);
    a.put("sparktune.search.trials", "2");
    a.put("sparktune.search.parallelism", "2");
    a.put("sparktune.cv.folds", "2");
    a.put("sparktune.output.refit", "false");
    a.put("sparktune.output.dir", "@runs/study");
    return a;
  }

  static Stream<Case> cases() {
    String estimator = "sparktune.model.estimator=";
    String space = "sparktune.space.";
    String path = "sparktune.data.path=@data/";
    String csv = "sparktune.data.format=csv";
    String noRange = "sparktune.space.regParam=<unset>";
    return Stream.of(
        // The command line and the config file's syntax.
        bad("unknown key", List.of("sparktune.search.trails=5"), "sparktune.search.trails", "did you mean 'trials'"),
        bad("override that does not parse", List.of(space + "regParam={type=float, low="),
            "sparktune.space.regParam", "expected key=value"),
        bad("wrong type for an integer", List.of("sparktune.cv.folds=three"), "sparktune.cv.folds", "expected an integer"),
        bad("fraction where an integer goes", List.of("sparktune.search.trials=2.5"), "sparktune.search.trials",
            "expected an integer >= 1", "2.5"),
        bad("negative trials", List.of("sparktune.search.trials=-3"), "sparktune.search.trials",
            "expected an integer >= 1", "-3"),
        bad("folds below 2", List.of("sparktune.cv.folds=1"), "sparktune.cv.folds", "expected an integer in [2, 20]"),
        bad("unknown storage level", List.of("sparktune.cv.storage-level=memory-and-dsk"), "sparktune.cv.storage-level",
            "expected one of memory-and-disk|", "did you mean 'memory-and-disk'"),
        bad("duration without a unit", List.of("sparktune.search.time-limit=600"), "sparktune.search.time-limit",
            "expected a duration"),
        bad("negative duration", List.of("sparktune.search.time-limit=-5m"), "sparktune.search.time-limit",
            "expected a duration > 0"),
        bad("lock timeout too short", List.of("sparktune.output.lock-timeout=1s"), "sparktune.output.lock-timeout",
            "10s"),
        bad("unknown resume mode", List.of("sparktune.resume=sometimes"), "sparktune.resume", "expected one of"),
        bad("boolean that is not one", List.of("sparktune.output.refit=maybe"), "sparktune.output.refit",
            "expected true or false"),
        bad("unknown data format", List.of("sparktune.data.format=xlsx"), "sparktune.data.format", "expected one of"),
        bad("test fraction above 0.9", List.of("sparktune.data.test-fraction=1.5"), "sparktune.data.test-fraction",
            "expected a number in [0, 0.9]"),
        bad("Hadoop property as a reader option", List.of(
            "sparktune.data.options.\"io.compression.codecs\"=\"dev.sparktune.cli.Tripwires$PlainClass\""),
            "sparktune.data.options.io.compression.codecs", "expected a Spark reader option"),
        // The search space.
        bad("low equal to high", List.of(space + "regParam={type=float, low=0.5, high=0.5}"),
            "sparktune.space.regParam", "expected low < high"),
        bad("low above high", List.of(space + "regParam={type=float, low=1, high=0.1}"),
            "sparktune.space.regParam", "expected low <= high"),
        bad("int low equal to high", List.of(space + "aggregationDepth={type=int, low=3, high=3}"),
            "sparktune.space.aggregationDepth", "expected low < high"),
        bad("log range from zero", List.of(space + "regParam={type=float, low=0, high=1, log=true}"),
            "sparktune.space.regParam.low", "expected a number > 0 because log = true"),
        bad("log range below zero", List.of(space + "aggregationDepth={type=int, low=-2, high=8, log=true}"),
            "sparktune.space.aggregationDepth.low", "expected an integer >= 1 because log = true"),
        bad("float step larger than the range", List.of(space + "elasticNetParam={type=float, low=0, high=0.5, step=1}"),
            "sparktune.space.elasticNetParam.step", "expected a step <= high - low"),
        bad("int step larger than the range", List.of(space + "aggregationDepth={type=int, low=2, high=4, step=5}"),
            "sparktune.space.aggregationDepth.step", "expected a step <= high - low"),
        bad("empty choices", List.of(space + "family=[]"), "sparktune.space.family", "expected a non-empty list"),
        bad("empty values", List.of(space + "family={type=categorical, values=[]}"), "sparktune.space.family.values",
            "expected a non-empty list"),
        bad("condition on an unknown parent",
            List.of(space + "elasticNetParam={type=float, low=0, high=1, when {penalty=[elastic]}}"),
            "sparktune.space.elasticNetParam.when.penalty", "expected the name of a categorical param"),
        bad("no space at all", List.of(noRange), "sparktune.space", "expected at least one param"),
        // The estimator: only org.apache.spark.ml.Estimator classes may be named, and none other is loaded.
        bad("unknown estimator", List.of(estimator + "logistic-regresion"), "sparktune.model.estimator",
            "expected a short name", "logistic-regresion"),
        bad("java.lang.String as estimator", List.of(estimator + "java.lang.String"), "sparktune.model.estimator",
            "a class extending org.apache.spark.ml.Estimator", "java.lang.String"),
        bad("a fitted model as estimator", List.of(estimator + "org.apache.spark.ml.feature.StringIndexerModel"),
            "sparktune.model.estimator", "a class extending org.apache.spark.ml.Estimator"),
        bad("a plain class as estimator", List.of(estimator + "\"dev.sparktune.cli.Tripwires$PlainClass\""),
            "sparktune.model.estimator", "a class extending org.apache.spark.ml.Estimator"),
        bad("a transformer class as pipeline stage", List.of(estimator + "pipeline",
            "sparktune.model.pipeline=[{name=cut, estimator=\"dev.sparktune.cli.Tripwires$TransformerStage\"},"
                + " {name=lr, estimator=logistic-regression}]",
            "sparktune.model.fixed.maxIter=<unset>", noRange, space + "lr.regParam=" + RANGE),
            "sparktune.model.pipeline.cut.estimator", "a class extending org.apache.spark.ml.Estimator"),
        bad("an estimator that is not a predictor", List.of(estimator + "org.apache.spark.ml.feature.StringIndexer",
            "sparktune.model.fixed.maxIter=<unset>", noRange, space + "handleInvalid=[skip, keep]"),
            "sparktune.model.estimator", "is not a predictor"),
        // MLlib params.
        bad("unknown MLlib param", List.of(noRange, space + "regParm=" + RANGE), "sparktune.space.regParm",
            "has no param 'regParm'", "valid params"),
        bad("misspelt fixed param", List.of("sparktune.model.fixed.maxIter=<unset>", "sparktune.model.fixed.maxIters=5"),
            "sparktune.model.fixed.maxIters", "has no param"),
        bad("text for an integer param", List.of("sparktune.model.fixed.maxIter=ten"), "sparktune.model.fixed.maxIter",
            "expects"),
        bad("float range for an integer param", List.of(space + "aggregationDepth={type=float, low=2, high=4}"),
            "sparktune.space.aggregationDepth", "is an integer param"),
        bad("range outside the param's validator", List.of(space + "elasticNetParam={type=float, low=0, high=2}"),
            "sparktune.space.elasticNetParam", "is not valid"),
        bad("param both fixed and tuned", List.of("sparktune.model.fixed.regParam=0.1"), "sparktune.model.fixed.regParam",
            "expected a param that is not also tuned"),
        // Metric and schedule.
        bad("regression metric for a classifier", List.of("sparktune.metric=rmse"), "sparktune.metric",
            "is a regression metric", "expected one of"),
        bad("unknown metric", List.of("sparktune.metric=auc"), "sparktune.metric", "is not a known metric"),
        bad("unknown scheduler", List.of("sparktune.schedule.type=asah"), "sparktune.schedule.type", "expected one of",
            "did you mean 'asha'"),
        bad("budget on a float param", List.of("sparktune.schedule.type=asha", "sparktune.schedule.budget.kind=param",
            "sparktune.schedule.budget.param=tol", "sparktune.schedule.budget.min=1", "sparktune.schedule.budget.max=9"),
            "sparktune.schedule.budget.param", "is not an integer param"),
        bad("budget on an unknown param", List.of("sparktune.schedule.type=asha", "sparktune.schedule.budget.kind=param",
            "sparktune.schedule.budget.param=maxIterations", "sparktune.schedule.budget.min=1",
            "sparktune.schedule.budget.max=9"),
            "sparktune.schedule.budget.param", "has no param 'maxIterations'"),
        bad("budget min not below max", List.of("sparktune.schedule.type=asha", "sparktune.schedule.budget.min=0.5",
            "sparktune.schedule.budget.max=0.5"), "sparktune.schedule.budget.min", "expected a number < budget.max"),
        // The output directory.
        bad("output dir under a file", List.of("sparktune.output.dir=@runs/blocker/out"), "sparktune.output.dir",
            "expected a writable directory", "@runs/blocker/out"),
        bad("output dir is a file", List.of("sparktune.output.dir=@runs/blocker"), "sparktune.output.dir",
            "expected a writable directory", "@runs/blocker"),
        // Data files, read by Spark.
        bad("missing data file", List.of(path + "nope.libsvm"), "sparktune.data.path", "no file or directory",
            "nope.libsvm"),
        bad("empty data file", List.of(path + "empty.libsvm"), "sparktune.data.path", "empty.libsvm", "expected rows"),
        bad("binary file as libsvm", List.of(path + "binary.libsvm"), "sparktune.data.path", "binary.libsvm",
            "expected libsvm"),
        bad("binary file as libsvm, resume = never", List.of(path + "binary.libsvm", "sparktune.resume=never"),
            "sparktune.data.path", "binary.libsvm", "expected libsvm"),
        bad("text feature value in libsvm", List.of(path + "text-value.libsvm"), "sparktune.data.path",
            "text-value.libsvm", "expected libsvm"),
        bad("csv read as parquet", List.of(path + "table.csv", "sparktune.data.format=parquet"), "sparktune.data.path",
            "table.csv", "expected parquet"),
        bad("lines that are not json", List.of(path + "corrupt.json", "sparktune.data.format=json",
            "sparktune.data.label=y"), "sparktune.data.path", "corrupt.json", "expected json"),
        bad("label column absent", List.of(path + "table.csv", csv, "sparktune.data.label=target"),
            "sparktune.data.label", "no column 'target'", "columns: f1, f2, y"),
        bad("feature column absent", List.of(path + "table.csv", csv, "sparktune.data.label=y",
            "sparktune.data.features=[f1, f3]"), "sparktune.data.features", "no column 'f3'"),
        bad("text in a numeric csv column", List.of(path + "text-feature.csv", csv, "sparktune.data.label=y"),
            "sparktune.data.features", "f2", "expected numbers", "n.a."),
        bad("a struct as feature", List.of(path + "struct.json", "sparktune.data.format=json", "sparktune.data.label=y"),
            "sparktune.data.features", "cannot be a feature"),
        bad("empty csv", List.of(path + "header-only.csv", csv, "sparktune.data.label=y"), "sparktune.data.path",
            "header-only.csv", "expected rows"),
        bad("NaN labels in libsvm", List.of(path + "nan-label.libsvm"), "sparktune.data.label", "NaN",
            "expected a number"),
        bad("missing labels, missing = fail", List.of(path + "missing-label.csv", csv, "sparktune.data.label=y",
            "sparktune.data.missing=fail"), "sparktune.data.missing", "y: 2", "drop"),
        bad("every label missing", List.of(path + "no-labels.csv", csv, "sparktune.data.label=y"),
            "sparktune.data.missing", "all 12 rows", "expected rows"),
        bad("a single class", List.of(path + "one-class.libsvm"), "sparktune.data.label", "only class 1",
            "expected at least two"),
        bad("labels -1 and +1 for a classifier", List.of(path + "signed.libsvm"), "sparktune.data.label",
            "needs labels 0, 1"),
        bad("fewer rows than folds", List.of(path + "two-rows.libsvm", "sparktune.cv.folds=5",
            "sparktune.data.test-fraction=0"), "sparktune.cv.folds", "is empty (2 training rows", "expected fewer folds"),
        bad("a class with fewer rows than folds", List.of(path + "rare-class.libsvm", "sparktune.cv.folds=3",
            "sparktune.data.test-fraction=0"), "sparktune.cv.folds", "1 of the 3 folds would have no row of class 1",
            "training rows per class: 0: 10, 1: 2"),
        bad("exclude of an unknown column", List.of(path + "table.csv", csv, "sparktune.data.label=y",
            "sparktune.data.exclude=[f1, f3]"), "sparktune.data.exclude", "no column 'f3'", "columns: f1, f2, y"),
        bad("exclude next to features", List.of(path + "table.csv", csv, "sparktune.data.label=y",
            "sparktune.data.features=[f1]", "sparktune.data.exclude=[f2]"), "sparktune.data.exclude",
            "either data.features or data.exclude"),
        bad("exclude for libsvm", List.of("sparktune.data.exclude=[f1]"), "sparktune.data.exclude",
            "no columns to exclude for libsvm"),
        bad("string label for a regressor", List.of(path + "string-label.csv", csv, "sparktune.data.label=y",
            estimator + "linear-regression"), "sparktune.data.label", "the label holds categories"),
        bad("binary metric on three classes", List.of("sparktune.metric=areaUnderROC"), "sparktune.metric",
            "needs a binary label", "3 classes"),
        bad("binary-only estimator on three classes", List.of(estimator + "linear-svc"),
            "sparktune.model.estimator", "fits only two classes"),
        // Issue 12: malformed libsvm indices and a cut-off gzip file, read by Spark.
        bad("libsvm index 0", List.of(path + "zero-index.libsvm"), "sparktune.data.path", "zero-index.libsvm",
            "one-based, ascending indices", "1 0:1.5 2:0.5"),
        bad("libsvm negative index", List.of(path + "negative-index.libsvm"), "sparktune.data.path",
            "negative-index.libsvm", "one-based, ascending indices"),
        bad("libsvm descending indices", List.of(path + "descending.libsvm"), "sparktune.data.path", "descending.libsvm",
            "one-based, ascending indices"),
        bad("truncated gzip", List.of(path + "truncated.libsvm.gz"), "sparktune.data.path", "truncated.libsvm.gz",
            "ends early"),
        // Issue 12: estimators that cannot fit without a param the config did not give.
        bad("OneVsRest without a classifier", List.of(estimator + "org.apache.spark.ml.classification.OneVsRest",
            "sparktune.model.fixed.maxIter=<unset>", noRange, space + "parallelism={type=int, low=1, high=2}"),
            "sparktune.model.estimator", "'classifier'"),
        bad("MLP by class name without layers", List.of(
            estimator + "org.apache.spark.ml.classification.MultilayerPerceptronClassifier", noRange,
            space + "stepSize={type=float, low=0.01, high=0.1}"), "sparktune.model.fixed.layers", "cannot fit without"),
        // Issue 12: command-line overrides that land on no known key.
        bad("override without the sparktune prefix", List.of("search.trials=7"), "search.trials",
            "did you mean 'sparktune.search.trials'"),
        bad("quoted dotted key", List.of("\"sparktune.data.label\"=foo"), "\"sparktune.data.label\"",
            "did you mean 'sparktune.data.label'"),
        bad("a 1 MB value, echoed cut short", List.of("sparktune.search.sampler=" + "x".repeat(1_000_000)),
            "sparktune.search.sampler", "\u2026(1000000 chars)"),
        // Issue 12: an output directory that holds someone else's files is never written into.
        bad("output dir holding other files", List.of("sparktune.output.dir=@runs/foreign"), "sparktune.output.dir",
            "@runs/foreign", "not a sparktune study", "model/", "notes.txt"),
        bad("output dir holding other files, resume = warm-start", List.of("sparktune.output.dir=@runs/foreign",
            "sparktune.resume=warm-start"), "sparktune.output.dir", "@runs/foreign", "not a sparktune study"),
        // The same study with a different metric: refused by the resume check, once the input has passed.
        bad("changed metric on resume", List.of("sparktune.metric=accuracy"), "sparktune.resume",
            "was written for another study", "metric"));
  }

  @BeforeAll
  static void study() throws IOException {
    data = Files.createDirectories(tmp.resolve("data"));
    runs = Files.createDirectories(tmp.resolve("runs"));
    writeFixtures();
    SparkTestSession.get();
    MainRun first = run(base());
    assertEquals(0, first.code(), first.toString());
    Path study = runs.resolve("study");
    assertTrue(Files.isRegularFile(study.resolve("trials.csv")) && Files.isDirectory(study.resolve("journal")),
        "the study wrote its results");
    before = tree(runs);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithOneLineAndEarlierResultsUntouched(Case c) {
    MainRun r = run(c.args());
    assertEquals(2, r.code(), () -> c.name() + ": " + r);
    String err = r.err();
    assertEquals(1, err.lines().count(), () -> c.name() + ": exactly one line: " + err);
    assertTrue(err.endsWith("\n") && err.startsWith("sparktune: "), () -> c.name() + ": " + err);
    for (String fragment : c.expected()) {
      String f = placeholders(fragment);
      assertTrue(err.contains(f), () -> c.name() + ": '" + f + "' in: " + err);
    }
    assertEquals(before, tree(runs), () -> c.name() + ": the earlier study and its siblings are as they were");
    assertTrue(Tripwires.TRIPPED.isEmpty(), () -> c.name() + ": initialized from config: " + Tripwires.TRIPPED);
  }


  private static MainRun run(Map<String, String> args) {
    List<String> argv = new ArrayList<>();
    args.forEach((k, v) -> argv.add(k + "=" + placeholders(v)));
    return MainRun.of(argv);
  }

  private static String placeholders(String s) {
    return s.replace("@data/", data + "/").replace("@runs/", runs + "/");
  }

  /** Every file and directory under {@code root}, by relative path, with a SHA-256 of each file. */
  private static Map<String, String> tree(Path root) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      all.forEach(p -> out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir" : sha256(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String sha256(Path p) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Small malformed inputs, each with one defect; the good rows around it are what real files hold. */
  private static void writeFixtures() throws IOException {
    byte[] noise = new byte[4096];
    new Random(5).nextBytes(noise);
    Files.write(data.resolve("binary.libsvm"), noise);
    Files.write(data.resolve("empty.libsvm"), new byte[0]);
    Files.writeString(runs.resolve("blocker"), "a file where a directory would go\n");

    libsvm("text-value.libsvm", i -> (i % 2) + " 1:" + i + " 2:" + (i == 7 ? "abc" : "0.5"));
    libsvm("nan-label.libsvm", i -> (i % 5 == 3 ? "NaN" : Integer.toString(i % 2)) + " 1:" + i + " 2:" + (i % 3));
    libsvm("one-class.libsvm", i -> "1 1:" + i + " 2:" + (i % 3));
    libsvm("signed.libsvm", i -> (i % 2 == 0 ? "-1" : "+1") + " 1:" + i + " 2:" + (i % 3));
    Files.writeString(data.resolve("two-rows.libsvm"), "0 1:1.0\n1 1:2.0\n");
    libsvm("rare-class.libsvm", i -> (i % 6 == 5 ? "1" : "0") + " 1:" + i + " 2:" + (i % 3));

    csv("table.csv", i -> i % 7 + "," + i * 0.5 + "," + i % 2);
    csv("text-feature.csv", i -> i % 7 + "," + (i == 9 ? "n.a." : Double.toString(i * 0.5)) + "," + i % 2);
    csv("missing-label.csv", i -> i % 7 + "," + i * 0.5 + "," + (i == 4 || i == 8 ? "" : Integer.toString(i % 2)));
    csv("no-labels.csv", i -> i % 7 + "," + i * 0.5 + ",");
    csv("string-label.csv", i -> i % 7 + "," + i * 0.5 + "," + (i % 2 == 0 ? "no" : "yes"));
    Files.writeString(data.resolve("header-only.csv"), "f1,f2,y\n");

    libsvm("zero-index.libsvm", i -> (i % 2) + (i == 3 ? " 0:1.5 2:0.5" : " 1:" + i + " 2:0.5"));
    libsvm("negative-index.libsvm", i -> (i % 2) + (i == 5 ? " -1:1.5 2:0.5" : " 1:" + i + " 2:0.5"));
    libsvm("descending.libsvm", i -> (i % 2) + (i == 8 ? " 2:0.5 1:1.5" : " 1:" + i + " 2:0.5"));
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 4000; i++) rows.append(i % 2).append(" 1:").append(i).append(" 2:").append(i % 7).append('\n');
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] whole = gz.toByteArray();
    Files.write(data.resolve("truncated.libsvm.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
    Path foreign = Files.createDirectories(runs.resolve("foreign/model/data"));
    Files.writeString(foreign.resolve("part-00000"), "a model someone saved here\n");
    Files.writeString(runs.resolve("foreign/notes.txt"), "not sparktune's\n");

    Files.writeString(data.resolve("corrupt.json"), "{\"f1\": 1, \"y\": 0}\nthis is not json\n{\"f1\": 2, \"y\"\n");
    StringBuilder struct = new StringBuilder();
    for (int i = 0; i < 12; i++) struct.append("{\"f\": {\"a\": ").append(i).append("}, \"y\": ").append(i % 2).append("}\n");
    Files.writeString(data.resolve("struct.json"), struct);
  }

  private static void libsvm(String name, java.util.function.IntFunction<String> row) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 12; i++) b.append(row.apply(i)).append('\n');
    Files.writeString(data.resolve(name), b);
  }

  private static void csv(String name, java.util.function.IntFunction<String> row) throws IOException {
    StringBuilder b = new StringBuilder("f1,f2,y\n");
    for (int i = 0; i < 12; i++) b.append(row.apply(i)).append('\n');
    Files.writeString(data.resolve(name), b);
  }
}
