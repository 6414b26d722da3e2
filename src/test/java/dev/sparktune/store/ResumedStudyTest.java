package dev.sparktune.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sparktune.objective.Objective;
import dev.sparktune.sampler.RandomSampler;
import dev.sparktune.study.StopRule;
import dev.sparktune.study.Study;
import dev.sparktune.study.StudyListener;
import dev.sparktune.study.StudyResult;
import dev.sparktune.testing.Objectives;
import dev.sparktune.trial.Direction;
import dev.sparktune.trial.Outcome;
import dev.sparktune.trial.Trial;
import dev.sparktune.trial.TrialState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A study over a journal, "killed" with trials in flight and run again: resume is replay. */
class ResumedStudyTest {
  private final InMemoryJournalBackend backend = new InMemoryJournalBackend();

  private Study study(TrialStore store) {
    return new Study(Objectives.BRANIN_SPACE, new RandomSampler(), Direction.MINIMIZE, store, 42, Clock.systemUTC());
  }

  private JournalTrialStore open() {
    return JournalTrialStore.open(new Journal(backend, 4, w -> {}));
  }

  @Test
  void completedTrialsAreKeptInterruptedOnesRerunAndTheSearchContinuesAsIfNothingHappened() {
    Study first = study(open());
    List<Trial> asked = new ArrayList<>();
    for (int i = 0; i < 5; i++) asked.add(first.ask().orElseThrow());
    for (int n : List.of(0, 1, 3)) first.tell(n, Outcome.completed(Objectives.branin(asked.get(n).assignment())));
    // The driver dies here: trials 2 and 4 were running.

    JournalTrialStore store = open();
    assertEquals(List.of(2, 4), store.interrupted().stream().map(Trial::number).toList());
    Map<Integer, Integer> evaluations = new ConcurrentHashMap<>();
    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Objective counting = (a, ctx) -> {
      evaluations.merge(ctx.trialNumber(), 1, Integer::sum);
      order.add(ctx.trialNumber());
      return Outcome.completed(Objectives.branin(a));
    };
    StudyResult r = study(store).optimize(counting, List.of(new StopRule.MaxTrials(10)), 1, StudyListener.NONE);

    assertEquals(10, r.trials().size(), "the trial limit counts the trials done before the crash");
    assertTrue(r.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE));
    assertEquals(List.of(2, 4, 5, 6, 7, 8, 9), order, "interrupted trials first, then numbering continues");
    assertTrue(evaluations.values().stream().allMatch(c -> c == 1), evaluations.toString());
    for (int n : List.of(2, 4)) assertTrue(asked.get(n).assignment().sameAs(r.trials().get(n).assignment()));

    // The same seed proposes the same ten configurations as a study that never stopped.
    StudyResult uninterrupted = study(new InMemoryTrialStore())
        .optimize(Objectives.branin(), List.of(new StopRule.MaxTrials(10)), 1, StudyListener.NONE);
    for (int i = 0; i < 10; i++) {
      assertTrue(uninterrupted.trials().get(i).assignment().sameAs(r.trials().get(i).assignment()), "trial " + i);
    }
    assertEquals(uninterrupted.best().orElseThrow().number(), r.best().orElseThrow().number());
    assertEquals(r.trials(), open().trials());
  }

  @Test
  void aRerunTrialFitsOnlyTheFoldsItsDeadDriverHadNotScored() {
    JournalTrialStore dying = open();
    Study first = study(dying);
    Trial t = first.ask().orElseThrow();
    var ctx = first.context(t);
    ctx.foldLog().scored(0, 0.25);
    ctx.foldLog().scored(2, 0.75);
    // Folds reach the journal moments after they are scored (the store's own thread appends
    // them); the driver dies after that, with fold 1 of trial 0 still fitting.
    dying.sync();

    Study resumed = study(open());
    List<Map<Integer, Double>> known = new ArrayList<>();
    Objective folds = (a, c) -> {
      known.add(c.knownFolds());
      Map<Integer, Double> all = new java.util.TreeMap<>(c.knownFolds());
      for (int f = 0; f < 3; f++) {
        if (!all.containsKey(f)) {
          all.put(f, 0.5);
          c.foldLog().scored(f, 0.5);
        }
      }
      return Outcome.Completed.ofFolds(all, 0.0);
    };
    StudyResult r = resumed.optimize(folds, List.of(new StopRule.MaxTrials(2)), 1, StudyListener.NONE);
    assertEquals(Map.of(0, 0.25, 2, 0.75), known.get(0), "trial 0 reruns knowing the folds it had scored");
    assertEquals(Map.of(), known.get(1), "a new trial knows nothing");
    assertEquals(List.of(0.25, 0.5, 0.75), ((Outcome.Completed) r.trials().get(0).outcome().orElseThrow()).folds());
    assertEquals(Map.of(), open().scoredFolds(0), "gone once the trial ended");
  }

  @Test
  void trialsTheTimeLimitCancelledRunAgainFirstKeepingTheirScoredFolds() {
    JournalTrialStore store = open();
    Study first = study(store);
    List<Trial> asked = new ArrayList<>();
    for (int i = 0; i < 3; i++) asked.add(first.ask().orElseThrow());
    first.tell(0, Outcome.completed(1.0));
    first.context(asked.get(1)).foldLog().scored(0, 0.5);
    first.tell(1, new Outcome.Cancelled("time limit 1h reached"));
    first.tell(2, new Outcome.Cancelled("time limit 1h reached"));
    assertEquals(TrialState.CANCELLED, store.trials().get(1).state());

    List<Integer> order = Collections.synchronizedList(new ArrayList<>());
    Map<Integer, Map<Integer, Double>> known = new ConcurrentHashMap<>();
    Objective recording = (a, ctx) -> {
      order.add(ctx.trialNumber());
      known.put(ctx.trialNumber(), ctx.knownFolds());
      return Outcome.completed(Objectives.branin(a));
    };
    StudyResult r = study(open()).optimize(recording, List.of(new StopRule.MaxTrials(4)), 1, StudyListener.NONE);
    assertEquals(List.of(1, 2, 3), order, "the cancelled trials first, under their numbers, then a new one");
    assertEquals(Map.of(0, 0.5), known.get(1), "the fold scored before the cancel stands");
    assertTrue(r.trials().stream().allMatch(t -> t.state() == TrialState.COMPLETE), r.trials().toString());
    for (int n : List.of(1, 2)) assertTrue(asked.get(n).assignment().sameAs(r.trials().get(n).assignment()));
  }
}
