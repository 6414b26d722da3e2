package dev.sparktune.config;

import static dev.sparktune.config.SpaceReaderTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sparktune.scheduler.Asha;
import dev.sparktune.scheduler.Hyperband;
import dev.sparktune.trial.Budget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleSettingsTest {
  /** A complete minimal study: lines 1-5; line 6 is the schedule under test. */
  private static final String BASE = """
      sparktune {
        data.path = "data/x.libsvm"
        model.estimator = gbt-classifier
        space { maxDepth { type = int, low = 2, high = 8 } }
      }
      """;

  @TempDir Path dir;

  @Test
  void ashaOnADataFraction() throws IOException {
    Settings.Schedule s = load("sparktune.schedule { type = asha, budget { kind = data-fraction, min = 0.04, max = 1.0 }, "
        + "fold-pruning = true }");
    assertEquals(new Settings.Schedule("asha", Budget.Kind.DATA_FRACTION, "", 0.04, 1.0, 3, 1, true, true, true), s);
    assertInstanceOf(Asha.class, s.scheduler());
    assertEquals(List.of(1.0 / 9, 1.0 / 3, 1.0), s.ladder().budgets().stream().map(Budget::amount).toList());
    assertEquals(Optional.empty(), s.paramBudget());
    assertEquals(true, s.pruning().isPresent());
  }

  @Test
  void hyperbandOnMaxIter() throws IOException {
    Settings.Schedule s = load("sparktune.schedule { type = hyperband, budget { kind = param, param = maxIter, min = 4, "
        + "max = 108 } }");
    assertInstanceOf(Hyperband.class, s.scheduler());
    assertEquals(Budget.param("maxIter", 108, 108), s.ladder().top());
    assertEquals(true, s.growForests());
    assertEquals(true, s.continueFits());
    assertEquals(List.of(4L, 12L, 36L, 108L), s.ladder().budgets().stream().map(Budget::whole).toList());
    assertEquals(Optional.of("maxIter"), s.paramBudget());
  }

  @Test
  void foldsUpToCvFolds() throws IOException {
    Settings.Schedule s = load("sparktune.cv.folds = 9\nsparktune.schedule { type = asha, budget { kind = folds, min = 1, max = 9 } }");
    assertEquals(List.of(1L, 3L, 9L), s.ladder().budgets().stream().map(Budget::whole).toList());
  }

  @Test
  void forestGrowthCanBeTurnedOff() throws IOException {
    Settings.Schedule s = load("sparktune.schedule { type = asha, budget { kind = param, param = numTrees, min = 5, "
        + "max = 45, grow-forests = false } }");
    assertEquals(false, s.growForests());
  }

  @Test
  void continuedFitsCanBeTurnedOff() throws IOException {
    Settings.Schedule s = load("sparktune.schedule { type = asha, budget { kind = param, param = maxIter, min = 4, "
        + "max = 36, continue-fits = false } }");
    assertEquals(false, s.continueFits());
    assertEquals(true, s.growForests());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '^', textBlock = """
      type = ashaa ^ sparktune.schedule.type: expected one of asha|fifo|hyperband|median-stopping|successive-halving, got 'ashaa'; did you mean 'asha'?
      eta = 1 ^ sparktune.schedule.eta: expected an integer >= 2, got 1
      budget.kind = rows ^ sparktune.schedule.budget.kind: expected one of data-fraction|param|folds, got 'rows'
      budget.min = 0 ^ sparktune.schedule.budget.min: expected a fraction in (0, 1], got 0
      budget.max = 1.5 ^ sparktune.schedule.budget.max: expected a fraction in (0, 1], got 1.5
      budget.min = 1.0 ^ sparktune.schedule.budget.min: expected a number < budget.max (1), got 1
      budget.min = 0.5 ^ sparktune.schedule.budget.min: expected at most budget.max / eta = 0.333333 so there are at least two rungs, got 0.5
      budget { kind = param, min = 4, max = 108 } ^ sparktune.schedule.budget.param: expected the integer MLlib param the budget sets (maxIter, numTrees) when budget.kind = param, got ''
      budget { kind = param, param = maxIter, min = 2.5, max = 10 } ^ sparktune.schedule.budget.min: expected a whole number >= 1, got 2.5
      budget { kind = folds, min = 1, max = 5 } ^ sparktune.schedule.budget.max: expected a whole number of folds in [1, 3] (cv.folds), got 5
      budget.param = maxIter ^ sparktune.schedule.budget.param: only used with budget.kind = param, but kind is data-fraction
      brackets = 4 ^ sparktune.schedule.brackets: expected an integer in [1, 3] (the rungs from budget.min to budget.max), got 4
      fold-pruning = maybe ^ sparktune.schedule.fold-pruning: expected true or false, got 'maybe'
      budget.grow-forests = often ^ sparktune.schedule.budget.grow-forests: expected true or false, got 'often'
      budget.minimum = 1 ^ sparktune.schedule.budget.minimum: unknown key; known keys: continue-fits, grow-forests, kind, max, min, param
      etta = 2 ^ sparktune.schedule.etta: unknown key; did you mean 'eta'?
      """)
  void eachMistakeIsOneLineNamingItsKey(String setting, String expected) throws IOException {
    Path file = write(BASE + "sparktune.schedule { type = asha, " + setting + " }\n");
    ConfigError e = assertThrows(ConfigError.class, () -> SettingsLoader.load(Optional.of(file), List.of()));
    assertOneLine(e);
    assertEquals(file + ":6: " + expected, e.getMessage());
  }

  private Settings.Schedule load(String schedule) throws IOException {
    return SettingsLoader.load(Optional.of(write(BASE + schedule + "\n")), List.of()).schedule();
  }

  private Path write(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "study", ".conf"), text);
  }
}
