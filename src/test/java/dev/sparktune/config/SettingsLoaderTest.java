package dev.sparktune.config;

import static dev.sparktune.config.SpaceReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sparktune.config.Settings.Model.Stage;
import dev.sparktune.space.CategoricalParam;
import dev.sparktune.space.FloatParam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsLoaderTest {
  /** A complete minimal study: lines 1-5. Tests append a line 6 to break or change it. */
  private static final String BASE = """
      sparktune {
        data.path = "data/x.libsvm"
        model.estimator = logistic-regression
        space { regParam { type = float, low = 0.001, high = 1, log = true } }
      }
      """;

  @TempDir Path dir;

  @Test
  void minimalFileGetsEveryDefault() throws IOException {
    Settings s = load(BASE);
    assertEquals("sparktune", s.name());
    assertEquals(new Settings.Data("data/x.libsvm", "libsvm", "label", List.of(), 0.2, Settings.Data.Missing.DROP, 0,
        Map.of()), s.data());
    assertEquals(new Settings.Model("logistic-regression", Map.of(), List.of()), s.model());
    assertEquals(List.of(FloatParam.log("regParam", 0.001, 1)), s.space().params());
    assertEquals("", s.metric());
    assertEquals(new Settings.Cv(3, 7), s.cv());
    assertEquals(Settings.Search.of("random", 40, 7).withGridPoints(5), s.search());
    assertEquals(Settings.Schedule.fifo(), s.schedule());
    assertEquals(new Settings.Output("target/sparktune/sparktune", true), s.output());
  }

  @Test
  void outputDirDefaultFollowsTheStudyName() throws IOException {
    assertEquals("target/sparktune/churn", load(BASE + "sparktune.name = churn\n").output().dir());
    assertEquals("target/sparktune/cli", load(BASE, "sparktune.name=cli").output().dir());
  }

  @Test
  void overridesBeatTheFileWhichBeatsTheDefaults() throws IOException {
    Settings s = load(BASE + "sparktune.search { trials = 10, sampler = sobol }\n",
        "sparktune.search.trials=5", "sparktune.cv.folds = 4", "sparktune.search.trials=6");
    assertEquals(6, s.search().trials());        // the later override wins
    assertEquals("sobol", s.search().sampler()); // from the file
    assertEquals(4, s.cv().folds());             // override of a default
    assertEquals(7, s.search().seed());          // default
  }

  @Test
  void overrideValuesAreHoconButPathsStayWhole() throws IOException {
    Settings s = load(BASE,
        "sparktune.output.dir=hdfs://nn:8020/tuning/out",
        "sparktune.data.path=/data//spam#1.libsvm",
        "sparktune.space.impurity=[gini, entropy]",
        "sparktune.space.maxDepth { type = int, low = 2, high = 8 }",
        "sparktune.search.time-limit=90s",
        "sparktune.search.parallelism=3",
        "sparktune.search.target=0.95",
        "sparktune.model.fixed.maxIter=50",
        "sparktune.output.refit=false");
    assertEquals("hdfs://nn:8020/tuning/out", s.output().dir());
    assertEquals("/data//spam#1.libsvm", s.data().path());
    assertEquals(CategoricalParam.of("impurity", "gini", "entropy"), s.space().param("impurity").orElseThrow());
    assertTrue(s.space().param("maxDepth").isPresent());
    assertEquals(Optional.of(Duration.ofSeconds(90)), s.search().timeLimit());
    assertEquals(OptionalInt.of(3), s.search().parallelism());
    assertEquals(OptionalDouble.of(0.95), s.search().target());
    assertEquals(Map.of("maxIter", 50L), s.model().fixed());
    assertFalse(s.output().refit());
  }

  @Test
  void environmentVariablesSubstitute() throws IOException {
    String home = System.getenv("HOME");
    assumeTrue(home != null && !home.isEmpty(), "needs HOME in the environment");
    Settings s = load(BASE + """
        sparktune.data.path = ${?HOME}
        sparktune.output.dir = "out"
        sparktune.output.dir = ${?SPARKTUNE_TEST_VARIABLE_THAT_IS_NEVER_SET}
        """);
    assertEquals(home, s.data().path());
    assertEquals("out", s.output().dir()); // an unset optional substitution leaves the value above it
  }

  @Test
  void valuesTakeTheirNaturalJavaTypes() throws IOException {
    Settings s = load(BASE + """
        sparktune.model.fixed { maxIter = 100, tol = 1e-6, family = multinomial, fitIntercept = false, thresholds = [0.3, 0.7] }
        sparktune.data { format = CSV, options { header = true, sep = ";", samplingRatio = 0.5 }, features = [a, b], missing = fail }
        sparktune.search { time-limit = 2h, patience = 5, parallelism = auto, stop-when-converged = true }
        """);
    assertEquals(Map.of("maxIter", 100L, "tol", 1e-6, "family", "multinomial", "fitIntercept", false,
        "thresholds", List.of(0.3, 0.7)), s.model().fixed());
    assertEquals("csv", s.data().format());
    assertEquals(Map.of("header", "true", "sep", ";", "samplingRatio", "0.5"), s.data().options());
    assertEquals(List.of("a", "b"), s.data().features());
    assertEquals(Settings.Data.Missing.FAIL, s.data().missing());
    assertEquals(Optional.of(Duration.ofHours(2)), s.search().timeLimit());
    assertEquals(OptionalInt.of(5), s.search().patience());
    assertTrue(s.search().stopWhenConverged());
  }

  @Test
  void gbtPrefixesAreOnUnlessSwitchedOff() throws IOException {
    assertTrue(load(BASE).search().gbtPrefixes());
    assertFalse(load(BASE + "sparktune.search.gbt-prefixes = false\n").search().gbtPrefixes());
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '^', textBlock = """
      sparktune.name ^ "" ^ expected a non-empty study name, got ''
      sparktune.data.path ^ "  " ^ expected a non-empty path or Hadoop FileSystem URI, got '  '
      sparktune.data.format ^ xml ^ expected one of libsvm|csv|parquet|json|orc, got 'xml'
      sparktune.data.format ^ parket ^ expected one of libsvm|csv|parquet|json|orc, got 'parket'; did you mean 'parquet'?
      sparktune.data.label ^ "" ^ expected a non-empty column name, got ''
      sparktune.data.features ^ a ^ expected a list of strings, got 'a'
      sparktune.data.features ^ [a, label] ^ expected feature columns other than the label, got 'label' among them
      sparktune.data.test-fraction ^ 0.95 ^ expected a number in [0, 0.9], got 0.95
      sparktune.data.test-fraction ^ -0.1 ^ expected a number in [0, 0.9], got -0.1
      sparktune.data.missing ^ keep ^ expected one of drop|fail, got 'keep'
      sparktune.data.partitions ^ -1 ^ expected an integer >= 0, got -1
      sparktune.data.options ^ [a] ^ expected an object { ... }, got ["a"]
      sparktune.data.options.sep ^ [a] ^ expected a string, number or boolean, got ["a"]
      sparktune.model.estimator ^ "" ^ expected a non-empty estimator name such as logistic-regression (or a model.pipeline), got ''
      sparktune.model.fixed.maxIter ^ {} ^ expected a string, number, boolean or list of those, got {}
      sparktune.model.fixed.regParam ^ 0.1 ^ expected a param that is not also tuned in sparktune.space, got 'regParam' in both
      sparktune.model.fixed.lr.tol ^ 0.1 ^ expected an MLlib param name (stage.param needs sparktune.model.pipeline), got 'lr.tol'
      sparktune.metric ^ [] ^ expected a metric name or a non-empty list, got []
      sparktune.cv.folds ^ 1 ^ expected an integer in [2, 20], got 1
      sparktune.cv.folds ^ 21 ^ expected an integer in [2, 20], got 21
      sparktune.cv.folds ^ 2.5 ^ expected an integer in [2, 20], got 2.5
      sparktune.cv.seed ^ seven ^ expected an integer, got 'seven'
      sparktune.search.sampler ^ tpee ^ expected one of auto|cmaes|evolution|gp|grid|nsga2|random|sobol|tpe, got 'tpee'; did you mean 'tpe'?
      sparktune.search.sampler ^ randm ^ expected one of auto|cmaes|evolution|gp|grid|nsga2|random|sobol|tpe, got 'randm'; did you mean 'random'?
      sparktune.search.trials ^ 0 ^ expected an integer >= 1, got 0
      sparktune.search.trials ^ null ^ expected an integer >= 1, got null
      sparktune.search.parallelism ^ 0 ^ expected auto or an integer >= 1, got 0
      sparktune.search.parallelism ^ lots ^ expected auto or an integer >= 1, got 'lots'
      sparktune.search.time-limit ^ 600 ^ expected a duration > 0 such as 30m, 2h or 90s, or none, got 600
      sparktune.search.time-limit ^ 0s ^ expected a duration > 0 such as 30m, 2h or 90s, or none, got '0s'
      sparktune.search.time-limit ^ soon ^ expected a duration > 0 such as 30m, 2h or 90s, or none, got 'soon'
      sparktune.search.seed ^ 1.5 ^ expected an integer, got 1.5
      sparktune.search.target ^ high ^ expected a number or none, got 'high'
      sparktune.search.patience ^ 0 ^ expected none or an integer >= 1, got 0
      sparktune.search.stop-when-converged ^ maybe ^ expected true or false, got 'maybe'
      sparktune.search.gbt-prefixes ^ sometimes ^ expected true or false, got 'sometimes'
      sparktune.search.grid-points ^ 1 ^ expected none or an integer >= 2, got 1
      sparktune.search.tpe.gamma ^ 2 ^ expected a number in [0.01, 0.99], got 2
      sparktune.search.tpe.multivariat ^ false ^ unknown key; did you mean 'multivariate'?
      sparktune.search.gp.candidates ^ 0 ^ expected an integer >= 1, got 0
      sparktune.search.evolution.tournament ^ 50 ^ evolution tournament must be in [1, population], got 50
      sparktune.search.cmaes.sigma0 ^ 0 ^ expected a number in [0.001, 1], got 0
      sparktune.output.dir ^ "" ^ expected a non-empty path or Hadoop FileSystem URI, got ''
      sparktune.output.refit ^ sometimes ^ expected true or false, got 'sometimes'
      sparktune.search ^ 5 ^ expected an object { ... }, got 5
      sparktune.search.trails ^ 10 ^ unknown key; did you mean 'trials'?
      sparktune.serach.trials ^ 10 ^ unknown key; did you mean 'search'?
      sparktune.colour ^ red ^ unknown key; known keys: constraints, cv, data, metric, model, name, output, resume, schedule, search, select, space, warm-start
      sparktun.search.trials ^ 10 ^ unknown key; did you mean 'sparktune'?
      """)
  void eachBadValueNamesFileLineKeyAndExpectation(String key, String value, String expected) throws IOException {
    Path file = write(BASE + key + " = " + value + "\n");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    String reportedKey = key.startsWith("sparktune.serach") ? "sparktune.serach"
        : key.startsWith("sparktun.") ? "sparktun" : key;
    assertEquals(file + ":6: " + reportedKey + ": " + expected, e.getMessage());
  }

  @Test
  void overrideProblemsNameTheCommandLine() throws IOException {
    ConfigError e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.search.trials=0"));
    assertEquals("command line: sparktune.search.trials: expected an integer >= 1, got 0", e.getMessage());
    e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.search.trails=3"));
    assertEquals("command line: sparktune.search.trails: unknown key; did you mean 'trials'?", e.getMessage());
    e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.space.x=[a,"));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith("command line: cannot parse override 'sparktune.space.x=[a,'"), e.getMessage());
  }

  @Test
  void missingRequiredValuesPointAtTheDefault() {
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.empty(), List.of()));
    assertOneLine(e);
    assertTrue(e.getMessage().matches("reference\\.conf:\\d+: sparktune\\.data\\.path: expected a non-empty path.*"
        + "\\(and 2 more: reference\\.conf:\\d+: sparktune\\.model\\.estimator: expected .*"
        + "; reference\\.conf:\\d+: sparktune\\.space: expected at least one param.*\\)"), e.getMessage());
  }

  @Test
  void allProblemsAreReportedInFileOrderOfReadingOnOneLine() throws IOException {
    Path file = write(BASE + "sparktune.cv.folds = 1\nsparktune.search { trials = 0, sampler = bayes }\n");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    assertEquals(file + ":6: sparktune.cv.folds: expected an integer in [2, 20], got 1 (and 2 more: "
        + file + ":7: sparktune.search.sampler: expected one of auto|cmaes|evolution|gp|grid|nsga2|random|sobol|tpe, got 'bayes'; "
        + file + ":7: sparktune.search.trials: expected an integer >= 1, got 0)", e.getMessage());
  }

  @Test
  void unreadableFilesAreNamed() throws IOException {
    Path missing = dir.resolve("nope.conf");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(missing), List.of()));
    assertEquals(missing + ": expected a readable HOCON tuning file, got no such file", e.getMessage());

    Path broken = write("sparktune {\n  data.path = \"x\"\n  search { trials = 3 \n");
    e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(broken), List.of()));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith(broken + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("cannot parse"), e.getMessage());

    Path unresolved = write(BASE + "sparktune.data.path = ${NO_SUCH_VARIABLE_FOR_SPARKTUNE_TESTS}\n");
    e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(unresolved), List.of()));
    assertOneLine(e);
    assertEquals(unresolved + ":6: ${NO_SUCH_VARIABLE_FOR_SPARKTUNE_TESTS}: expected a config key or a set "
        + "environment variable (write ${?NO_SUCH_VARIABLE_FOR_SPARKTUNE_TESTS} to make it optional), got neither",
        e.getMessage());
  }

  @Test
  void pipelineStagesAndTheirParams() throws IOException {
    Settings s = load("""
        sparktune {
          data.path = x.csv
          model.pipeline = [
            { name = scaler, estimator = standard-scaler, fixed { withStd = true } }
            { name = lr, estimator = logistic-regression, fixed { maxIter = 50 } }
          ]
          model.fixed { lr.tol = 1e-5 }
          space {
            scaler.withMean = [true, false]
            lr { regParam { type = float, low = 0.001, high = 1, log = true } }
          }
        }
        """);
    assertEquals("pipeline", s.model().estimator());
    assertTrue(s.model().isPipeline());
    assertEquals(List.of(new Stage("scaler", "standard-scaler", Map.of("withStd", true)),
        new Stage("lr", "logistic-regression", Map.of("maxIter", 50L))), s.model().pipeline());
    assertEquals(Map.of("lr.tol", 1e-5), s.model().fixed());
    assertEquals(List.of("lr.regParam", "scaler.withMean"), s.space().params().stream().map(p -> p.name()).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '^', textBlock = """
      dotted name ^ { name = a.b, estimator = pca } ^ sparktune.model.pipeline.0.name: expected a stage name of letters, digits, - and _ (no dots), starting with a letter, got 'a.b'
      missing name ^ { estimator = pca } ^ sparktune.model.pipeline.0.name: expected a stage name of letters, digits, - and _ (no dots), starting with a letter, got nothing
      no estimator ^ { name = lr } ^ sparktune.model.pipeline.0.estimator: expected a non-empty estimator or transformer name such as standard-scaler, got nothing
      unknown key ^ { name = lr, estimator = pca, fixd { k = 2 } } ^ sparktune.model.pipeline.0.fixd: unknown key; did you mean 'fixed'?
      not an object ^ lr ^ sparktune.model.pipeline.0: expected a stage { name = ..., estimator = ..., fixed { ... } }, got 'lr'
      duplicate stage ^ { name = lr, estimator = pca }, { name = lr, estimator = pca } ^ sparktune.model.pipeline.1.name: expected a stage name not used before, got 'lr' again
      """)
  void pipelineMistakes(String what, String stages, String expected) throws IOException {
    Path file = write("sparktune {\n  data.path = x\n  space { lr.regParam = [0.1, 1] }\n}\n"
        + "sparktune.model.pipeline = [" + stages + "]\n");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith(file + ":5: " + expected), () -> what + ": " + e.getMessage());
  }

  @Test
  void pipelineParamsMustNameAStage() throws IOException {
    Path file = write("""
        sparktune {
          data.path = x
          model.pipeline = [{ name = lr, estimator = logistic-regression }]
          model.estimator = linear-svc
          space { regParam = [0.1, 1] }
        }
        """);
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    assertEquals(file + ":4: sparktune.model.estimator: expected \"\" or pipeline when model.pipeline is set, "
        + "got 'linear-svc' (and 1 more: " + file + ":5: sparktune.space.regParam: expected stage.param with a stage "
        + "of sparktune.model.pipeline (lr), got 'regParam')", e.getMessage());
  }

  @Test
  void resolvedConfigIsRenderedAndLoadsToTheSameSettings() throws IOException {
    Settings s = load(BASE + "sparktune.name = again\n", "sparktune.search.trials=3");
    assertTrue(s.resolved().contains("trials=3") || s.resolved().contains("trials = 3"), s.resolved());
    assertTrue(s.resolved().contains("target/sparktune/again"), s.resolved());
    assertFalse(s.resolved().contains("#"), "no comments: " + s.resolved());
    Settings again = SettingsLoader.load(Optional.of(write(s.resolved())), List.of());
    assertEquals(s.name(), again.name());
    assertEquals(s.data(), again.data());
    assertEquals(s.model(), again.model());
    assertEquals(s.space(), again.space());
    assertEquals(s.search(), again.search());
    assertEquals(s.output(), again.output());
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(projectDir().resolve("conf/examples"))) {
      List<Path> list = files.filter(f -> f.toString().endsWith(".conf")).sorted().toList();
      assertFalse(list.isEmpty(), "no examples in conf/examples");
      return list.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleLoadsAndItsDataExists(Path example) {
    Settings s = SettingsLoader.load(Optional.of(example), List.of());
    String name = example.getFileName().toString().replace(".conf", "");
    assertEquals(name, s.name());
    // Paths in the examples are relative to the project directory, where the CLI is run from.
    assertTrue(Files.isRegularFile(projectDir().resolve(s.data().path())), s.data().path());
    assertTrue(s.output().dir().startsWith("target/sparktune/"), s.output().dir());
    // converged.conf sets more and stops on its own (StopWhenConvergedTest runs it).
    assertTrue(s.search().trials() <= 20 || s.search().stopWhenConverged(),
        "examples should stay quick: " + s.search().trials());
  }

  @Test
  void quickstartIsWhatTheReadmeSays() {
    Settings s = SettingsLoader.load(Optional.of(projectDir().resolve("conf/examples/quickstart.conf")), List.of());
    assertEquals("logistic-regression", s.model().estimator());
    assertEquals(Map.of("maxIter", 100L), s.model().fixed());
    assertEquals(List.of(FloatParam.of("elasticNetParam", 0, 1), FloatParam.log("regParam", 1e-4, 1)),
        s.space().params());
    assertEquals("areaUnderROC", s.metric());
    assertEquals(Optional.of(Duration.ofMinutes(10)), s.search().timeLimit());
    assertEquals("target/sparktune/quickstart", s.output().dir());
  }

  @Test
  void gridExampleUsesValueLists() {
    Settings s = SettingsLoader.load(Optional.of(projectDir().resolve("conf/examples/grid.conf")), List.of());
    assertEquals("grid", s.search().sampler());
    assertEquals(List.of(0.0001, 0.001, 0.01, 0.1),
        ((CategoricalParam) s.space().param("regParam").orElseThrow()).choices());
  }

  @Test
  void nightlyExampleTakesItsInputsFromTheEnvironmentWhenSet() {
    Settings s = SettingsLoader.load(Optional.of(projectDir().resolve("conf/examples/nightly.conf")), List.of());
    // Unless the variables are set where the tests run, the literal defaults stay.
    if (System.getenv("SPARKTUNE_DATA") == null) {
      assertEquals("notebooks-data/spambase/spambase.libsvm", s.data().path());
    }
    if (System.getenv("SPARKTUNE_OUT") == null) assertEquals("target/sparktune/nightly", s.output().dir());
  }

  @Test
  void anOverrideThatLandsOnNoKnownKeyIsRefusedWithADidYouMean() throws IOException {
    ConfigError e = assertThrows(ConfigError.class, () -> load(BASE, "search.trials=7"));
    assertEquals("command line: search.trials: unknown key; did you mean 'sparktune.search.trials'?", e.getMessage());
    e = assertThrows(ConfigError.class, () -> load(BASE, "\"sparktune.data.label\"=foo"));
    assertEquals("command line: \"sparktune.data.label\": unknown key (a quoted key is one name, dots and all); "
        + "did you mean 'sparktune.data.label'?", e.getMessage());
    e = assertThrows(ConfigError.class, () -> load(BASE, "colour=blue"));
    assertTrue(e.getMessage().startsWith("command line: colour: unknown key; expected a key under sparktune"),
        e.getMessage());
    // A helper value the file defines may be overridden: the file's substitutions read it.
    Settings s = load("base = \"data\"\n" + BASE + "sparktune.data.path = ${base}\"/y.libsvm\"\n", "base=other");
    assertEquals("other/y.libsvm", s.data().path());
  }

  @Test
  void anIncludeOfAMissingFileIsAnErrorUnlessOptional() throws IOException {
    Path common = dir.resolve("common.conf");
    Files.writeString(common, "sparktune.search.trials = 9\n");
    Settings s = SettingsLoader.load(Optional.of(write("include \"common.conf\"\n" + BASE)), List.of());
    assertEquals(9, s.search().trials(), "a relative include is read from the including file's folder");
    Path withMissing = write("include \"no-such.conf\"\n" + BASE);
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(withMissing), List.of()));
    assertOneLine(e);
    assertTrue(e.getMessage().startsWith(withMissing + ":1: include \"no-such.conf\": no such file")
        && e.getMessage().contains("include optional(\"no-such.conf\")"), e.getMessage());
    s = SettingsLoader.load(Optional.of(write("include optional(\"no-such.conf\")\ninclude optional(\"common.conf\")\n"
        + BASE + "sparktune.cv.folds = 4\n")), List.of());
    assertEquals(9, s.search().trials());
    assertEquals(4, s.cv().folds());
    Path required = write("include required(file(\"" + dir.resolve("gone.conf") + "\"))\n" + BASE);
    e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(required), List.of()));
    assertOneLine(e);
    assertTrue(e.getMessage().contains("gone.conf"), e.getMessage());
  }

  @Test
  void echoedValuesAreCutShort() throws IOException {
    String huge = "x".repeat(200_000);
    ConfigError e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.search.sampler=" + huge));
    assertTrue(e.getMessage().length() < 400 && e.getMessage().contains("(200000 chars)"), e.getMessage().length() + "");
    e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.space.x={type=" + huge));
    assertTrue(e.getMessage().length() < 600 && e.getMessage().contains("chars)"), e.getMessage().length() + "");
    e = assertThrows(ConfigError.class, () -> load(BASE, "sparktune.cv.folds=" + huge));
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + "");
  }

  private Settings load(String text, String... overrides) throws IOException {
    return SettingsLoader.load(Optional.of(write(text)), List.of(overrides));
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "study", ".conf");
    return Files.writeString(file, text);
  }

  private static Path projectDir() {
    return Paths.get(System.getProperty("sparktune.project.dir", "."));
  }
}
