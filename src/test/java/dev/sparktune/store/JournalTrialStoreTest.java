package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.space.Assignment;
import dev.sparktune.trial.Budget;
import dev.sparktune.trial.Lineage;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalTrialStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final StudyFingerprint STUDY = new StudyFingerprint("space", "data", "auc", "lr");

  private final InMemoryJournalBackend backend = new InMemoryJournalBackend();
  private final List<String> warnings = new ArrayList<>();

  private JournalTrialStore open() {
    return JournalTrialStore.open(new Journal(backend, 8, warnings::add));
  }

  private static Assignment a(double x) {
    return Assignment.of(Map.of("x", x));
  }

  @Test
  void costsAreJournaledAddUpOverRerunsAndAJournalWithoutThemStillReplays() {
    JournalTrialStore s = open();
    s.begin(STUDY, T0);
    s.create(a(0.5), Budget.full(), T0);
    s.finish(0, new Outcome.Completed(0.8, List.of(0.7, 0.9), 2.0), T0.plusSeconds(3));
    s.create(a(0.25), Budget.full(), T0);
    s.finish(1, new Outcome.Cancelled("stop"), T0.plusSeconds(4));
    // an older journal: no cost events at all, the history replays as before
    assertEquals(s.trials(), open().trials());
    assertEquals(Map.of(), open().costs());

    var fold0 = new dev.sparktune.trial.SparkCost(2, 8, 4000, 3000, 50, 100, 200, 0, 0, 1000);
    var fold1 = new dev.sparktune.trial.SparkCost(2, 8, 6000, 5000, 70, 300, 400, 10, 20, 3000);
    s.recordCost(0, new dev.sparktune.trial.TrialCost(Map.of(0, fold0, 1, fold1), true));
    s.recordCost(1, new dev.sparktune.trial.TrialCost(Map.of(0, fold0), true));
    s.restart(1, T0.plusSeconds(5));
    s.finish(1, new Outcome.Completed(0.7, List.of(0.7, 0.7), 1.0), T0.plusSeconds(9));
    s.recordCost(1, new dev.sparktune.trial.TrialCost(Map.of(1, fold1), false));
    assertEquals(Map.of(0, fold0, 1, fold1), s.costs().get(1).folds(), "queued costs count in-process at once");
    s.sync();   // costs are appended without waiting (as a study does before its refit)

    JournalTrialStore again = open();
    assertEquals(s.trials(), again.trials());
    var t0 = again.costs().get(0).total();
    assertEquals(4, t0.jobs());
    assertEquals(16, t0.tasks());
    assertEquals(8000, t0.cpuMs());
    assertEquals(3000, t0.peakExecutionMemory(), "a peak is the largest, not a sum");
    // the cancelled run and the rerun add up; one incomplete run makes the whole incomplete
    assertEquals(Map.of(0, fold0, 1, fold1), again.costs().get(1).folds());
    assertFalse(again.costs().get(1).complete());
    assertTrue(again.costs().get(0).complete());
  }

  @Test
  void aReopenedStoreHasTheSameHistory() {
    JournalTrialStore s = open();
    assertTrue(s.study().isEmpty());
    s.begin(STUDY, T0);
    Trial root = s.create(a(0.5), Budget.dataFraction(1.0 / 3, 1.0), Lineage.root(0, 0, 0), T0);
    s.finish(0, new Outcome.Completed(0.8, List.of(0.7, 0.9), 2.0), T0.plusSeconds(3));
    s.create(a(0.25), Budget.dataFraction(1.0 / 3, 1.0), Lineage.root(1, 0, 0), T0);
    s.finish(1, new Outcome.Failed("boom"), T0.plusSeconds(4));
    s.create(a(0.5), Budget.dataFraction(1.0, 1.0), Lineage.promoted(s.trials().get(0), 1), T0.plusSeconds(5));
    s.create(a(0.75), Budget.dataFraction(1.0 / 3, 1.0), Lineage.root(3, 0, 0), T0.plusSeconds(5));
    s.finish(3, new Outcome.Pruned(Map.of(0, 0.1), "worse"), T0.plusSeconds(6));

    JournalTrialStore again = open();
    assertEquals(s.trials(), again.trials());
    assertEquals(STUDY, again.study().orElseThrow());
    assertEquals(1, again.runs());
    assertEquals(List.of(2), again.interrupted().stream().map(Trial::number).toList());
    assertEquals(root.lineage(), again.trials().get(0).lineage());
    assertEquals(4, again.trials().size());
  }

  @Test
  void anInterruptedTrialRestartsUnderItsNumberAndFinishesThere() {
    JournalTrialStore s = open();
    s.create(a(0.5), Budget.full(), Lineage.root(0), T0);
    s.create(a(0.6), Budget.full(), Lineage.root(1), T0);
    s.finish(1, Outcome.completed(1.0), T0.plusSeconds(1));

    JournalTrialStore resumed = open();
    Trial t = resumed.restart(0, T0.plusSeconds(60));
    assertEquals(TrialState.RUNNING, t.state());
    assertEquals(T0.plusSeconds(60), t.started());
    resumed.finish(0, Outcome.completed(2.0), T0.plusSeconds(70));
    Trial next = resumed.create(a(0.7), Budget.full(), Lineage.root(2), T0.plusSeconds(71));
    assertEquals(2, next.number());

    JournalTrialStore third = open();
    assertEquals(resumed.trials(), third.trials());
    assertEquals(List.of(2), third.interrupted().stream().map(Trial::number).toList());
    assertEquals(3, third.configurations());
  }

  @Test
  void foldsScoredBeforeACrashOutliveItAndGoWhenTheTrialEnds() {
    JournalTrialStore s = open();
    s.create(a(0.5), Budget.dataFraction(1.0 / 3, 1.0), Lineage.root(0), T0);
    s.create(a(0.6), Budget.full(), Lineage.root(1), T0);
    s.scoreFold(0, 2, 0.75, T0.plusSeconds(1));
    s.scoreFold(0, 0, 0.5, T0.plusSeconds(2));
    s.scoreFold(1, 0, 0.9, T0.plusSeconds(2));
    s.finish(1, new Outcome.Completed(0.9, List.of(0.9), 1.0), T0.plusSeconds(3));
    s.scoreFold(1, 1, 0.1, T0.plusSeconds(4));   // a fold that finished after its trial ended: ignored
    assertEquals(Map.of(0, 0.5, 2, 0.75), s.scoredFolds(0));
    assertEquals(Map.of(), s.scoredFolds(1));

    JournalTrialStore resumed = open();
    assertEquals(Map.of(0, 0.5, 2, 0.75), resumed.scoredFolds(0), "replayed from the journal");
    assertEquals(Map.of(), resumed.scoredFolds(1));
    resumed.restart(0, T0.plusSeconds(60));
    assertEquals(Map.of(0, 0.5, 2, 0.75), resumed.scoredFolds(0), "a restart keeps them: same params and budget");
    resumed.scoreFold(0, 1, 0.25, T0.plusSeconds(61));
    resumed.finish(0, new Outcome.Completed(0.5, List.of(0.5, 0.25, 0.75), 2.0), T0.plusSeconds(62));
    assertEquals(Map.of(), open().scoredFolds(0));
  }

  @Test
  void nothingCountsUntilTheAppendReturned() {
    InMemoryJournalBackend memory = new InMemoryJournalBackend();
    JournalBackend failing = new JournalBackend() {
      @Override
      public List<String> list() {
        return memory.list();
      }

      @Override
      public java.util.Optional<String> read(String name) {
        return memory.read(name);
      }

      @Override
      public void write(String name, String content) {
        throw new UncheckedIOException(new java.io.IOException("disk full"));
      }

      @Override
      public boolean create(String name, String content) {
        return memory.create(name, content);
      }

      @Override
      public void delete(String name) {
        memory.delete(name);
      }

      @Override
      public String location() {
        return "full disk";
      }
    };
    JournalTrialStore s = JournalTrialStore.open(new Journal(failing, 8, warnings::add));
    assertThrows(UncheckedIOException.class, () -> s.create(a(0.5), Budget.full(), Lineage.root(0), T0));
    assertEquals(List.of(), s.trials());
  }

  @Test
  void refusesChangesThatDoNotFitTheHistoryBeforeWritingThem() {
    JournalTrialStore s = open();
    s.create(a(0.5), Budget.full(), Lineage.root(0), T0);
    s.finish(0, Outcome.completed(1.0), T0);
    int files = backend.list().size();
    assertThrows(IllegalStateException.class, () -> s.finish(0, Outcome.completed(2.0), T0));
    assertThrows(IllegalStateException.class, () -> s.restart(0, T0));
    assertThrows(IllegalArgumentException.class, () -> s.create(a(0.1), Budget.full(), Lineage.root(7), T0));
    assertEquals(files, backend.list().size());
  }

  @Test
  void aCorruptedLastLineLosesOnlyThatChange() {
    JournalTrialStore s = open();
    s.create(a(0.5), Budget.full(), Lineage.root(0), T0);
    s.finish(0, Outcome.completed(1.0), T0);
    String last = backend.list().get(backend.list().size() - 1);
    String content = backend.read(last).orElseThrow().strip();
    backend.write(last, content.substring(0, content.length() - 5));   // the kill cut the line short
    JournalTrialStore again = open();
    assertEquals(1, warnings.size());
    assertEquals(List.of(0), again.interrupted().stream().map(Trial::number).toList());
  }
}
