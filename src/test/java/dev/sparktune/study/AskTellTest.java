package dev.sparktune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.config.SpaceReader;
import dev.sparktune.sampler.Samplers;
import dev.sparktune.scheduler.FoldPruning;
import dev.sparktune.scheduler.Ladder;
import dev.sparktune.space.SearchSpace;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public ask/tell API: builder defaults, tell/tellPruned/tellFailed, report, schedules, resume. */
class AskTellTest {
  private static final SearchSpace SPACE = SpaceReader.parse("x { type = float, low = -1, high = 1 }\n"
      + "n { type = int, low = 1, high = 9 }");

  private static double sphere(Trial t) {
    double x = t.assignment().getDouble("x");
    return x * x + 0.01 * t.assignment().getLong("n");
  }

  @Test
  void everySamplerRunsFromTheBuilderWithOneSeed() {
    for (String name : Samplers.names()) {
      if (name.equals("grid")) continue;  // a continuous range has no grid
      Study study = Study.builder(SPACE).sampler(name).seed(3).plannedTrials(12).build();
      for (int i = 0; i < 12; i++) {
        Trial t = study.ask().orElseThrow();
        study.tell(t, sphere(t));
      }
      assertEquals(12, study.trials().stream().filter(t -> t.state() == TrialState.COMPLETE).count(), name);
      assertTrue(study.best().isPresent(), name);
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Study.builder(SPACE).sampler("tp"));
    assertTrue(e.getMessage().contains("tpe"), e.getMessage());
  }

  @Test
  void theSameSeedAsksTheSameTrials() {
    List<Object> a = run(Study.builder(SPACE).sampler("tpe").seed(5).build(), 15);
    List<Object> b = run(Study.builder(SPACE).sampler("tpe").seed(5).build(), 15);
    List<Object> c = run(Study.builder(SPACE).sampler("tpe").seed(6).build(), 15);
    assertEquals(a, b);
    assertFalse(a.equals(c));
  }

  private static List<Object> run(Study study, int n) {
    for (int i = 0; i < n; i++) {
      Trial t = study.ask().orElseThrow();
      study.tell(t, sphere(t));
    }
    return study.trials().stream().map(t -> (Object) t.assignment().values()).toList();
  }

  @Test
  void failedAndPrunedTrialsAreRecordedAndReportPrunesAgainstTheIncumbent() {
    Study study = Study.builder(SPACE).maximize().pruning(new FoldPruning(2.0, 1)).build();
    Trial first = study.ask().orElseThrow();
    assertFalse(study.report(first, 0, 0.90), "no incumbent yet");
    study.tell(first, List.of(0.90, 0.91, 0.92));
    Trial bad = study.ask().orElseThrow();
    assertTrue(study.report(bad, 0, 0.50), "far below the incumbent's first fold");
    Trial pruned = study.tellPruned(bad, "clearly worse");
    assertEquals(TrialState.PRUNED, pruned.state());
    assertEquals(Map.of(0, 0.50), ((Outcome.Pruned) pruned.outcome().orElseThrow()).folds());
    Trial broken = study.tellFailed(study.ask().orElseThrow(), "diverged");
    assertEquals(new Outcome.Failed("diverged"), broken.outcome().orElseThrow());
    assertEquals(first.number(), study.best().orElseThrow().number());
  }

  @Test
  void aScheduleHandsOutBudgetsAndPromotions() {
    Study study = Study.builder(SPACE).sampler("random")
        .schedule("asha", new Ladder(Budget.param("maxIter", 27, 27), 1, 3)).build();
    int promotions = 0;
    for (int i = 0; i < 60; i++) {
      Trial t = study.ask().orElseThrow();
      assertEquals("maxIter", t.budget().param());
      if (!t.lineage().isRoot()) promotions++;
      study.tell(t, sphere(t) / t.budget().amount());
    }
    assertTrue(promotions > 0, "asha promoted nothing in 60 trials");
    assertTrue(study.trials().stream().anyMatch(t -> t.budget().amount() == 1));
    assertTrue(study.best().orElseThrow().budget().isFull());
  }

  @Test
  void aJournalResumesWithTheTrialNeverToldAskedAgainFirst(@TempDir Path dir) {
    Study study = Study.builder(SPACE).sampler("sobol").journal(dir).build();
    for (int i = 0; i < 5; i++) {
      Trial t = study.ask().orElseThrow();
      study.tell(t, sphere(t));
    }
    Trial lost = study.ask().orElseThrow();  // the process dies before telling it

    Study again = Study.builder(SPACE).sampler("sobol").journal(dir).build();
    assertEquals(6, again.trials().size());
    Trial rerun = again.ask().orElseThrow();
    assertEquals(lost.number(), rerun.number());
    assertEquals(lost.assignment(), rerun.assignment());
    again.tell(rerun, sphere(rerun));
    assertEquals(6, again.ask().orElseThrow().number());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Study.builder(SPACE).maximize().journal(dir).build());
    assertTrue(e.getMessage().contains("was written for another study") && e.getMessage().contains("maximize"),
        e.getMessage());
  }

  @Test
  void optionsNeedNoGridArgument() {
    assertEquals(OptionalInt.empty(), new Samplers.Options(7).gridPoints());
  }
}
