package dev.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's promise for bad input: exit code 2 and one line naming the key, before any
 * Spark session starts (these tests run without one).
 */
class MainBadConfigTest {
  @TempDir Path dir;


  private MainRun run(String... args) {
    return MainRun.of(args);
  }

  private Path conf(String body) throws IOException {
    Path p = dir.resolve("job.conf");
    Files.writeString(p, body);
    return p;
  }

  private static final String GOOD = """
      sparktune {
        name = t
        data { path = "%s", format = libsvm }
        model { estimator = logistic-regression, fixed { maxIter = 10 } }
        space {
          regParam { type = float, low = 1e-4, high = 1.0, log = true }
        }
        metric = areaUnderROC
      }
      """;

  private String data() {
    return Path.of(System.getProperty("sparktune.project.dir", "."), "notebooks-data/spambase/spambase.libsvm").toString();
  }

  private void assertOneLineError(MainRun r, String... fragments) {
    assertEquals(2, r.code(), r.err());
    String line = r.err().strip();
    assertEquals(1, line.lines().count(), "one line: " + r.err());
    assertTrue(line.startsWith("sparktune: "), line);
    for (String f : fragments) assertTrue(line.contains(f), "'" + f + "' in: " + line);
    assertEquals("", r.out());
  }

  /** The bad input of several objectives: exit 2, one line naming the key, before Spark starts. */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "unknown objective|metric = [areaUnderROC, fit-secs]|sparktune.metric|did you mean 'fit-seconds'",
      "two directions for one objective|metric = [areaUnderROC, \"model-size min\", \"model-size max\"]"
          + "|sparktune.metric|two directions",
      "constraint on an unknown name|metric = areaUnderROC\\n  constraints = [tree-nodes < 100]|sparktune.constraints"
          + "|neither the metric nor a built-in measure",
      "schedule that cannot rank several objectives|metric = [areaUnderROC, fit-seconds]\\n  schedule { type = "
          + "successive-halving, budget { kind = data-fraction, min = 0.1, max = 1 } }|sparktune.schedule.type"
          + "|cannot rank several objectives",
      "a regression metric among the objectives of a classifier|metric = [rmse, fit-seconds]|sparktune.metric|is a regression metric",
  })
  void severalObjectivesRefuseBadInput(String name, String metric, String key, String fragment) throws IOException {
    Path p = conf(GOOD.formatted(data()).replace("metric = areaUnderROC", metric.replace("\\n", "\n")));
    assertOneLineError(run(p.toString()), key + ":", fragment);
  }

  @Test
  void unknownKeySuggestsTheRightOne() throws IOException {
    Path p = conf(GOOD.formatted(data()).replace("metric = areaUnderROC", "metric = areaUnderROC\n  search { trails = 5 }"));
    assertOneLineError(run(p.toString()), "job.conf:", "sparktune.search.trails", "did you mean 'trials'");
  }

  @Test
  void badValueNamesKeyAndExpectation() throws IOException {
    Path p = conf(GOOD.formatted(data()));
    assertOneLineError(run(p.toString(), "sparktune.cv.folds=1"), "sparktune.cv.folds", "expected", "1");
  }

  @Test
  void unknownMllibParamListsTheValidOnes() throws IOException {
    Path p = conf(GOOD.formatted(data()).replace("regParam {", "regParm {"));
    assertOneLineError(run(p.toString()), "sparktune.space.regParm", "LogisticRegression has no param 'regParm'", "elasticNetParam");
  }

  @Test
  void unknownEstimatorIsAConfigError() throws IOException {
    Path p = conf(GOOD.formatted(data()).replace("logistic-regression", "logistic-regresion"));
    assertOneLineError(run(p.toString()), "sparktune.model.estimator", "logistic-regresion");
  }

  @Test
  void missingDataFileNamesTheKey() throws IOException {
    Path p = conf(GOOD.formatted(dir.resolve("nope.libsvm")));
    assertOneLineError(run(p.toString()), "sparktune.data.path", "nope.libsvm");
  }

  @Test
  void gridOverAContinuousRangeIsRefused() throws IOException {
    Path p = conf(GOOD.formatted(data()));
    assertOneLineError(run(p.toString(), "sparktune.search.sampler=grid", "sparktune.search.grid-points=none"),
        "sparktune.space.regParam: the grid sampler cannot enumerate a continuous range");
  }

  @Test
  void missingConfigFileIsNamed() {
    assertOneLineError(run(dir.resolve("absent.conf").toString()), "absent.conf");
  }

  @Test
  void noArgumentsExplainsUsage() {
    assertOneLineError(run(), "usage");
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    MainRun r = run("--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("usage: submit/tune"), r.out());
    assertTrue(r.out().contains("sparktune.search.trials=10"), r.out());
  }
}
