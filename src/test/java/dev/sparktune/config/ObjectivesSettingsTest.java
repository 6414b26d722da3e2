package dev.sparktune.config;

import static dev.sparktune.config.SpaceReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.pareto.Constraint;
import dev.sparktune.pareto.Goal;
import dev.sparktune.pareto.Goals;
import dev.sparktune.trial.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectivesSettingsTest {
  private static final String BASE = """
      sparktune {
        data.path = "data/x.libsvm"
        model.estimator = gbt-classifier
        space { maxDepth { type = int, low = 2, high = 8 } }
      }
      """;

  @TempDir Path dir;

  private Settings load(String more) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, BASE + more + "\n");
    return SettingsLoader.load(Optional.of(file), List.of());
  }

  private ConfigError error(String more) throws IOException {
    Path file = dir.resolve("job.conf");
    Files.writeString(file, BASE + more + "\n");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    return e;
  }

  @Test
  void aSingleStringKeepsWorking() throws IOException {
    Settings s = load("sparktune.metric = areaUnderPR");
    assertEquals("areaUnderPR", s.metric());
    assertFalse(s.objectives().beyondOneScore());
  }

  @Test
  void aListOfObjectivesWithNaturalAndOverriddenDirections() throws IOException {
    Settings s = load("sparktune.metric = [areaUnderROC, fit-seconds, \"model-size maximize\"]\n"
        + "sparktune.constraints = [fit-seconds < 60, \"model-size <= 20000\", \"areaUnderROC >= 0.5\"]\n"
        + "sparktune.select { within = 0.002, prefer = fit-seconds }");
    assertEquals("areaUnderROC", s.metric());
    Goals g = s.objectives().goals("areaUnderROC", Direction.MAXIMIZE);
    assertEquals(List.of(new Goal("areaUnderROC", Direction.MAXIMIZE), new Goal("fit-seconds", Direction.MINIMIZE),
        new Goal("model-size", Direction.MAXIMIZE)), g.goals());
    assertEquals(List.of(new Constraint("fit-seconds", Constraint.Op.LT, 60),
        new Constraint("model-size", Constraint.Op.LE, 20000), new Constraint("areaUnderROC", Constraint.Op.GE, 0.5)),
        g.constraints());
    assertEquals(0.002, s.objectives().select().within());
    assertEquals(Optional.of("fit-seconds"), s.objectives().select().prefer());
    assertEquals(List.of("fit-seconds", "model-size"), List.copyOf(s.objectives().measures()));
  }

  @Test
  void constraintsAloneMakeAOneObjectiveStudyRankByFeasibility() throws IOException {
    Settings s = load("sparktune.metric = areaUnderROC\nsparktune.constraints = [\"spark-cpu-seconds < 100\"]");
    assertFalse(s.objectives().several());
    assertTrue(s.objectives().beyondOneScore());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown objective|sparktune.metric = [areaUnderROC, fit-secs]|sparktune.metric|did you mean 'fit-seconds'",
      "two directions for one objective|sparktune.metric = [areaUnderROC, \"fit-seconds minimize\", \"fit-seconds maximize\"]"
          + "|sparktune.metric|two directions (minimize and maximize)",
      "a direction on the evaluator metric|sparktune.metric = [\"areaUnderROC minimize\", fit-seconds]|sparktune.metric"
          + "|takes its direction from the evaluator",
      "the same objective twice|sparktune.metric = [areaUnderROC, model-size, model-size]|sparktune.metric|listed twice",
      "no evaluator metric|sparktune.metric = [fit-seconds, model-size]|sparktune.metric|no evaluator metric",
      "a built-in alone|sparktune.metric = fit-seconds|sparktune.metric|list both",
      "a bad direction word|sparktune.metric = [areaUnderROC, \"fit-seconds fastest\"]|sparktune.metric|maximize|minimize",
      "constraint on an unknown name|sparktune.constraints = [model-sise < 100]|sparktune.constraints"
          + "|did you mean 'model-size'",
      "constraint without a bound|sparktune.constraints = [\"fit-seconds = 60\"]|sparktune.constraints|name < number",
      "select prefers a non-objective|sparktune.metric = [areaUnderROC, fit-seconds]\\nsparktune.select.prefer = model-size"
          + "|sparktune.select.prefer|not one of the objectives",
      "negative select tolerance|sparktune.select.within = -1|sparktune.select.within|a number >= 0",
      "a schedule cannot rank several objectives|sparktune.metric = [areaUnderROC, fit-seconds]\\n"
          + "sparktune.schedule { type = asha, budget { kind = data-fraction, min = 0.1, max = 1 } }"
          + "|sparktune.schedule.type|cannot rank several objectives",
      "fold pruning with several objectives|sparktune.metric = [areaUnderROC, fit-seconds]\\n"
          + "sparktune.schedule.fold-pruning = true|sparktune.schedule.fold-pruning|one score",
      "gp with several objectives|sparktune.metric = [areaUnderROC, fit-seconds]\\nsparktune.search.sampler = gp"
          + "|sparktune.search.sampler|use nsga2 or tpe",
      "stop-when-converged with several objectives|sparktune.metric = [areaUnderROC, fit-seconds]\\n"
          + "sparktune.search.stop-when-converged = true|sparktune.search.stop-when-converged|one score",
      "bad nsga2 population|sparktune.search.nsga2.population = 1|sparktune.search.nsga2.population|>= 2",
  })
  void badInputIsOneLineNamingTheKey(String name, String conf, String key, String fragment) throws IOException {
    ConfigError e = error(conf.replace("\\n", "\n"));
    assertTrue(e.getMessage().contains(key + ":"), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), e.getMessage());
    assertTrue(e.getMessage().contains("job.conf:"), "names the file and line: " + e.getMessage());
  }
}
